package org.openpharma.crm.delivery;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.SecretTokens;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contact in person (a visit or a remote detailing) logged with the approved items shown or handed over in it: the
 * contact and one {@code content_delivery} per item (channel VISIT or REMOTE) are saved in one transaction, or
 * nothing is. Each item given counts as exposure wherever deliveries are counted (the item's use and effect, the
 * content gap) and shows on the contact's timeline entry.
 * <p>
 * The contact itself follows the interaction's rules (a past contact is never refused for consent, only flagged);
 * what was shown must be something the user may give: approved and unexpired today, allowed on the channel, and
 * within the firewall (commercial users promotional on-label items only). Off-label material is never given in a
 * visit: it goes to the HCP only as medical affairs' answer to a recorded request ({@link ContentEmails}).
 */
@Service
@Transactional
public class ContentShown {

	/** The most items recorded for one contact. */
	public static final int MAX_ITEMS = 10;

	/** The field the form shows errors on. */
	static final String FIELD = "contentVersionIds";

	private final InteractionManagement interactions;

	private final ContentPicker picker;

	private final JdbcTemplate jdbc;

	private final AuditTrail audit;

	ContentShown(InteractionManagement interactions, ContentPicker picker, JdbcTemplate jdbc, AuditTrail audit) {
		this.interactions = interactions;
		this.picker = picker;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** The consent channel of a contact in which content can be shown, if it is one. */
	public static Optional<ConsentChannel> showsContent(Channel channel) {
		return switch (channel) {
			case VISIT -> Optional.of(ConsentChannel.VISIT);
			case REMOTE_DETAIL -> Optional.of(ConsentChannel.REMOTE);
			default -> Optional.empty();
		};
	}

	/**
	 * Logs the contact and the items shown in it. Throws {@link ValidationException} with every violation of the
	 * contact and of the items ({@code contentVersionIds}) together; nothing is saved then.
	 */
	public Interaction log(InteractionCapture capture, List<Long> versionIds, ContentViewer user) {
		Set<Long> ids = new LinkedHashSet<>((versionIds != null) ? versionIds : List.of());
		ids.remove(null);
		if (ids.isEmpty()) {
			return this.interactions.log(capture, user.username());
		}
		List<FieldViolation> violations = new ArrayList<>();
		List<ContentCandidate> items = check(capture, ids, user, violations);
		Interaction contact;
		try {
			contact = this.interactions.log(capture, user.username());
		}
		catch (ValidationException ex) {
			violations.addAll(0, ex.getViolations());
			throw new ValidationException(violations);
		}
		if (!violations.isEmpty()) {
			// The contact was written in this transaction: the exception rolls it back with everything else.
			throw new ValidationException(violations);
		}
		String channel = showsContent(contact.getChannel()).orElseThrow().name();
		List<Long> deliveryIds = new ArrayList<>();
		for (ContentCandidate item : items) {
			// A token like an e-mailed item's, so that a link shared later can point at this delivery; only its hash
			// is kept.
			deliveryIds.add(this.jdbc.queryForObject("INSERT INTO content_delivery (hcp_id, item_id, version_id, channel,"
					+ " interaction_id, off_label, title, token_hash, delivered_by, delivered_at)"
					+ " VALUES (?, ?, ?, ?, ?, false, ?, ?, ?, ?) RETURNING id", Long.class, contact.getHcpId(),
					item.itemId(), item.versionId(), channel, contact.getId(), item.title(),
					SecretTokens.sha256(SecretTokens.newToken()), user.username(),
					Timestamp.from(contact.getOccurredAt())));
		}
		this.audit.record(user.username(), "SHOW_CONTENT", "INTERACTION", contact.getId(), null,
				Map.of("channel", channel, "versionIds", List.copyOf(ids), "deliveryIds", deliveryIds));
		return contact;
	}

	private List<ContentCandidate> check(InteractionCapture capture, Set<Long> ids, ContentViewer user,
			List<FieldViolation> violations) {
		List<ContentCandidate> items = new ArrayList<>();
		Channel channel = (capture.facts() != null) ? capture.facts().channel() : null;
		if (channel == null || showsContent(channel).isEmpty()) {
			violations.add(new FieldViolation(FIELD, "interaction.content.channel"));
			return items;
		}
		if (ids.size() > MAX_ITEMS) {
			violations.add(new FieldViolation(FIELD, "interaction.content.tooMany", MAX_ITEMS));
			return items;
		}
		ConsentChannel consentChannel = showsContent(channel).orElseThrow();
		for (Long id : ids) {
			Optional<ContentCandidate> item = this.picker.usableVersion(id)
				.filter(c -> c.kind() != org.openpharma.crm.content.ContentKind.EMAIL_TEMPLATE)
				.filter(c -> SendRules.maySend(user, c, false));
			if (item.isEmpty()) {
				// Expired, withdrawn, unknown or behind the firewall: the same answer, which says nothing of the item.
				violations.add(new FieldViolation(FIELD, "interaction.content.unusable"));
			}
			else if (!item.get().channels().contains(consentChannel)) {
				violations.add(new FieldViolation(FIELD, "interaction.content.notOnChannel", item.get().title()));
			}
			else {
				items.add(item.get());
			}
		}
		return items;
	}

}
