package org.openpharma.crm.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.ContentPicker.NeedFacts;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.need.NeedManagement;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.SecretTokens;
import org.openpharma.crm.shared.StorableText;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Approved e-mail (issue 15, docs/adr/0029): an approved template plus approved items, personalised only in the
 * template's slots, queued in the transactional outbox. One transaction checks consent for e-mail and the sender's
 * purpose (refused field by field without it), records the contact on the HCP's timeline (EMAIL_OUT, so the
 * rollups count it), writes one delivery per item with its tracked link (only the link's SHA-256 is kept) and the
 * rendered mail as QUEUED; the background sender ({@link MailOutbox}) checks consent and content again when it sends.
 */
@Service
@Transactional
public class ContentEmails {

	/** The most items in one mail. */
	public static final int MAX_ITEMS = 10;

	/** What the sender chose on the form. */
	public record EmailRequest(long hcpId, Long templateVersionId, List<Long> versionIds, Long needId,
			boolean fulfilNeed, Long needVersion, Long inquiryId, String requestCircumstances) {

		public EmailRequest {
			versionIds = (versionIds != null) ? List.copyOf(new LinkedHashSet<>(versionIds)) : List.of();
			requestCircumstances = (requestCircumstances == null || requestCircumstances.isBlank()) ? null
					: requestCircumstances.strip();
		}

	}

	/** What was queued. */
	public record Queued(long emailId, long interactionId, List<Long> deliveryIds, boolean needFulfilled) {
	}

	/** The HCP as the mail addresses them. */
	record Recipient(long id, String name, String email, String institution) {
	}

	private final JdbcTemplate jdbc;

	private final ContentPicker picker;

	private final ConsentLedger consents;

	private final InteractionManagement interactions;

	private final NeedManagement needs;

	private final UserManagement users;

	private final AuditTrail audit;

	private final Clock clock;

	private final String baseUrl;

	ContentEmails(JdbcTemplate jdbc, ContentPicker picker, ConsentLedger consents, InteractionManagement interactions,
			NeedManagement needs, UserManagement users, AuditTrail audit, Clock clock,
			@Value("${crm.public-base-url:http://localhost:8080}") String baseUrl) {
		this.jdbc = jdbc;
		this.picker = picker;
		this.consents = consents;
		this.interactions = interactions;
		this.needs = needs;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** The HCP's e-mail address, if they have one (the form shows it). */
	@Transactional(readOnly = true)
	public Optional<String> addressOf(long hcpId) {
		return recipient(hcpId).map(Recipient::email);
	}

	/**
	 * Queues the mail, or saves nothing and throws a {@link ValidationException} naming the field: no consent
	 * ({@code recipient}), no address, a template or item that is not approved, unexpired and the sender's to send, an
	 * off-label item without the inquiry and the request's circumstances.
	 */
	public Queued send(EmailRequest request, ContentViewer sender) {
		Instant now = this.clock.instant();
		this.picker.requireHcp(request.hcpId());
		Recipient recipient = recipient(request.hcpId()).orElseThrow();
		List<FieldViolation> violations = new ArrayList<>();
		if (recipient.email() == null) {
			violations.add(new FieldViolation("recipient", "delivery.email.noAddress"));
		}
		boolean answering = false;
		if (request.inquiryId() != null) {
			if (!sender.seesMedical() || !this.picker.inquiryOf(request.hcpId(), request.inquiryId())) {
				violations.add(new FieldViolation("inquiryId", "delivery.inquiry.invalid"));
			}
			else {
				answering = true;
			}
		}
		Optional<NeedFacts> need = Optional.empty();
		if (request.needId() != null) {
			need = this.picker.need(request.needId()).filter(n -> n.hcpId() == request.hcpId());
			if (need.isEmpty()) {
				violations.add(new FieldViolation("needId", "delivery.need.invalid"));
			}
		}
		ContentCandidate template = null;
		String templateBody = null;
		if (request.templateVersionId() == null) {
			violations.add(new FieldViolation("templateVersionId", "delivery.template.required"));
		}
		else {
			template = this.picker.usableVersion(request.templateVersionId())
				.filter(t -> t.kind() == ContentKind.EMAIL_TEMPLATE && t.channels().contains(ConsentChannel.EMAIL)
						&& SendRules.maySend(sender, t, false))
				.orElse(null);
			if (template == null) {
				violations.add(new FieldViolation("templateVersionId", "delivery.template.unusable"));
			}
			else {
				templateBody = this.jdbc.queryForObject("SELECT body FROM content_version WHERE id = ?", String.class,
						template.versionId());
				Set<String> unknown = EmailTemplate.unknownSlots(templateBody);
				unknown.addAll(EmailTemplate.unknownSlots(template.title()));
				if (templateBody == null || !unknown.isEmpty()) {
					violations.add(new FieldViolation("templateVersionId", "delivery.template.unknownSlots",
							String.join(", ", unknown)));
				}
			}
		}
		List<ContentCandidate> items = new ArrayList<>();
		if (request.versionIds().isEmpty()) {
			violations.add(new FieldViolation("versionIds", "delivery.items.required"));
		}
		else if (request.versionIds().size() > MAX_ITEMS) {
			violations.add(new FieldViolation("versionIds", "delivery.items.tooMany", MAX_ITEMS));
		}
		else {
			for (Long versionId : request.versionIds()) {
				Optional<ContentCandidate> item = this.picker.usableVersion(versionId);
				if (item.isEmpty() || item.get().kind() == ContentKind.EMAIL_TEMPLATE
						|| !item.get().channels().contains(ConsentChannel.EMAIL)) {
					violations.add(new FieldViolation("versionIds", "delivery.item.unusable"));
				}
				else if (!SendRules.maySend(sender, item.get(), answering)) {
					violations.add(new FieldViolation("versionIds",
							item.get().offLabel() ? "delivery.item.offLabel" : "delivery.item.notAllowed"));
				}
				else {
					items.add(item.get());
				}
			}
		}
		boolean offLabel = items.stream().anyMatch(ContentCandidate::offLabel);
		if (offLabel && request.requestCircumstances() == null) {
			violations.add(new FieldViolation("requestCircumstances", "delivery.offLabel.circumstances"));
		}
		if (request.requestCircumstances() != null
				&& (request.requestCircumstances().length() > SendRules.CIRCUMSTANCES_MAX
						|| !StorableText.isStorable(request.requestCircumstances()))) {
			violations.add(new FieldViolation("requestCircumstances", "validation.tooLong", SendRules.CIRCUMSTANCES_MAX));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		ConsentPurpose purpose = ConsentPurpose.ofSender(sender.department());
		// Consent first, under the HCP's consent lock (held until this transaction ends): no consent, nothing saved.
		this.consents.checkContact(request.hcpId(), Optional.of(ConsentChannel.EMAIL), purpose, "recipient");

		boolean medical = "MEDICAL".equals(sender.department()) || template.medical()
				|| items.stream().anyMatch(ContentCandidate::medical);
		Set<Long> products = new LinkedHashSet<>();
		Set<Long> areas = new LinkedHashSet<>();
		for (ContentCandidate item : items) {
			products.addAll(item.productIds());
			areas.add(item.therapeuticAreaId());
		}
		String titles = String.join(" / ", items.stream().map(ContentCandidate::title).toList());
		// The channel says it was an e-mail; the contact keeps what was given.
		String summary = clip(titles, InteractionFacts.TEXT_MAX);
		// Medical affairs' contacts keep what was given in the notes, which only medical affairs reads (firewall):
		// the timeline's key messages are seen by every role.
		InteractionFacts facts = new InteractionFacts(Channel.EMAIL_OUT, now, null, null, medical ? null : summary,
				medical ? summary : null, products, areas);
		Interaction contact = this.interactions.log(new InteractionCapture(request.hcpId(), facts, null, null, null, null),
				sender.username());

		String unsubscribeToken = SecretTokens.newToken();
		List<String> tokens = new ArrayList<>();
		StringBuilder links = new StringBuilder();
		for (ContentCandidate item : items) {
			String token = SecretTokens.newToken();
			tokens.add(token);
			links.append("・").append(item.title()).append('\n').append(this.baseUrl).append("/c/").append(token)
				.append("\n");
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put(EmailTemplate.HCP_NAME, recipient.name());
		values.put(EmailTemplate.HCP_INSTITUTION, (recipient.institution() != null) ? recipient.institution() : "");
		values.put(EmailTemplate.SENDER_NAME, this.users.displayNameOf(sender.username()));
		values.put(EmailTemplate.SENDER_DEPARTMENT, departmentName(sender.department()));
		values.put(EmailTemplate.CONTENT_LINKS, links.toString().stripTrailing());
		values.put(EmailTemplate.UNSUBSCRIBE_LINK, unsubscribeUrl(unsubscribeToken));
		String subject = clip(EmailTemplate.subject(template.title(), values), 300);
		String body = EmailTemplate.render(templateBody, values);

		Long emailId = this.jdbc.queryForObject("INSERT INTO content_email (hcp_id, interaction_id, template_version_id,"
				+ " need_id, inquiry_id, purpose, medical, sender, sender_department, recipient, subject, body,"
				+ " unsubscribe_token_hash, status, next_attempt_at, queued_at, updated_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?) RETURNING id", Long.class,
				request.hcpId(), contact.getId(), template.versionId(), request.needId(), request.inquiryId(),
				purpose.name(), medical, sender.username(), sender.department(), recipient.email(), subject, body,
				SecretTokens.sha256(unsubscribeToken), Timestamp.from(now), Timestamp.from(now), Timestamp.from(now));
		List<Long> deliveryIds = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			ContentCandidate item = items.get(i);
			deliveryIds.add(this.jdbc.queryForObject("INSERT INTO content_delivery (hcp_id, item_id, version_id, channel,"
					+ " email_id, interaction_id, need_id, off_label, inquiry_id, request_circumstances, recipient, title,"
					+ " token_hash, delivered_by, delivered_at) VALUES (?, ?, ?, 'EMAIL', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
					+ " RETURNING id", Long.class, request.hcpId(), item.itemId(), item.versionId(), emailId,
					contact.getId(), request.needId(), item.offLabel(), request.inquiryId(),
					request.requestCircumstances(), recipient.email(), item.title(), SecretTokens.sha256(tokens.get(i)),
					sender.username(), Timestamp.from(now)));
		}
		boolean fulfilled = false;
		if (need.isPresent() && request.fulfilNeed() && mayFulfil(need.get(), request.needVersion(), sender)) {
			this.needs.fulfil(need.get().id(), need.get().version(), clip("メール #" + emailId + "：" + titles, 2000),
					contact.getId(), request.inquiryId(), sender.username());
			fulfilled = true;
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("hcpId", request.hcpId());
		after.put("interactionId", contact.getId());
		after.put("templateVersionId", template.versionId());
		after.put("versionIds", items.stream().map(ContentCandidate::versionId).toList());
		after.put("deliveryIds", deliveryIds);
		after.put("purpose", purpose.name());
		after.put("needId", request.needId());
		after.put("needFulfilled", fulfilled);
		after.put("inquiryId", request.inquiryId());
		after.put("offLabel", offLabel);
		this.audit.record(sender.username(), "QUEUE", "CONTENT_EMAIL", emailId, null, after);
		return new Queued(emailId, contact.getId(), deliveryIds, fulfilled);
	}

	/**
	 * Whether the mail fulfils the need it answers: only a need in progress that the sender may move (NeedManagement's
	 * scope) and that nobody changed since the form was opened. Otherwise the mail still goes and the need stays as it
	 * is, offered for fulfilment on its page: the answer reached the HCP either way.
	 */
	private boolean mayFulfil(NeedFacts need, Long formVersion, ContentViewer sender) {
		if (!"IN_PROGRESS".equals(need.status()) || (formVersion != null && formVersion != need.version())) {
			return false;
		}
		return this.needs.mayAct(this.needs.get(need.id()), sender.username());
	}

	String unsubscribeUrl(String token) {
		return this.baseUrl + "/u/" + token;
	}

	private Optional<Recipient> recipient(long hcpId) {
		return this.jdbc.query("SELECT h.id, h.name_kanji, nullif(btrim(h.email), ''), o.name FROM hcp h"
				+ " LEFT JOIN hco o ON o.id = h.primary_hco_id WHERE h.id = ?",
				(rs, i) -> new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), hcpId)
			.stream()
			.findFirst();
	}

	private String departmentName(String code) {
		return this.jdbc.query("SELECT name_ja FROM department WHERE code = ?", rs -> rs.next() ? rs.getString(1) : code,
				code);
	}

	private static String clip(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
