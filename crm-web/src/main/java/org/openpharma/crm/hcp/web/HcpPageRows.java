package org.openpharma.crm.hcp.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentPolicy.Decision;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.delivery.DeliveryQueries.ContactContent;
import org.openpharma.crm.interaction.TimelineQueries.TimelineEntry;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.system.JapanTime;
import org.springframework.context.MessageSource;

/**
 * The repeated rows of the HCP page (timeline, consent matrix) with their labels resolved once in Java: the
 * template evaluated a dozen expressions, message lookups and method calls per row, which was most of the
 * page's rendering time (docs/benchmarks.md, "CPU per HCP page").
 */
final class HcpPageRows {

	private final MessageSource messages;

	private final Locale locale;

	private final ReferenceData reference;

	private final JapanTime time;

	HcpPageRows(MessageSource messages, Locale locale, ReferenceData reference, JapanTime time) {
		this.messages = messages;
		this.locale = locale;
		this.reference = reference;
		this.time = time;
	}

	/**
	 * One interaction on the timeline as shown. {@code editable}: the author may still edit it;
	 * {@code correctable}: the author after the edit window, or a colleague of the author's department, may
	 * correct it.
	 */
	record TimelineRow(long id, String when, String channel, String channelClass, String departmentAndAuthor,
			String keyMessages, String outcome, String needs, String correction, String correctionReason,
			String consentBreach, boolean editable, boolean correctable, Long inquiryId, String inquiryCall,
			List<ContentLine> content) {

		/** Whether any of the rarer badges is shown. */
		public boolean flagged() {
			return this.needs != null || this.correction != null || this.correctionReason != null
					|| this.consentBreach != null || this.inquiryCall != null || !this.content.isEmpty();
		}

	}

	/**
	 * An item given in the contact or opened in it: "Shown"/"Sent"/"Viewed", its title, and what the HCP did with it
	 * (views, the latest rating and its comment), or null.
	 */
	record ContentLine(String label, String title, String figures, String comment) {
	}

	/** One channel of the consent matrix: a cell per purpose. */
	record ConsentRow(String channel, List<ConsentCell> cells) {
	}

	/** One cell of the consent matrix: {@code key} is "CHANNEL.PURPOSE". */
	record ConsentCell(String key, String cssClass, String text) {
	}

	/**
	 * @param me the signed-in user
	 * @param colleague whether the user's role logs contacts (and so may correct a colleague's)
	 * @param myDepartment the user's department
	 * @param editableFrom entries recorded since then are still within the author's edit window
	 */
	List<TimelineRow> timeline(List<TimelineEntry> entries, String me, boolean colleague, String myDepartment,
			Instant editableFrom, Map<Long, List<ContactContent>> content) {
		List<TimelineRow> rows = new ArrayList<>(entries.size());
		for (TimelineEntry e : entries) {
			// The call in which an inquiry was taken is the inquiry's shadow: neither edited nor corrected here.
			Long inquiryCall = e.inquiryId();
			boolean mine = me.equals(e.author());
			boolean late = e.recordedAt().isBefore(editableFrom);
			rows.add(new TimelineRow(e.id(), this.time.minute(e.occurredAt()), message("channel." + e.channel()),
					e.push() ? "badge text-bg-primary" : "badge text-bg-info",
					this.reference.departmentName(e.departmentCode(), this.locale) + " · " + e.authorName(),
					e.keyMessages(), e.outcome(),
					(e.needCount() > 0) ? message("timeline.needCount", e.needCount()) : null,
					(e.correctsId() != null) ? message("timeline.correction", e.correctsId()) : null,
					(e.correctionReason() != null) ? message("timeline.correctionReason", e.correctionReason()) : null,
					(e.consentBreach() != null) ? message("consent.reason." + e.consentBreach()) : null,
					inquiryCall == null && mine && !late,
					inquiryCall == null && (mine ? late
							: (colleague && e.departmentCode() != null && e.departmentCode().equals(myDepartment))),
					e.inquiryId(), (e.inquiryId() != null) ? message("timeline.inquiryCall", e.inquiryId()) : null,
					content(e, content.getOrDefault(e.id(), List.of()))));
		}
		return rows;
	}

	private List<ContentLine> content(TimelineEntry entry, List<ContactContent> items) {
		if (items.isEmpty()) {
			return List.of();
		}
		String given = message("EMAIL_OUT".equals(entry.channel()) ? "timeline.content.sent" : "timeline.content.shown");
		List<ContentLine> lines = new ArrayList<>(items.size());
		for (ContactContent item : items) {
			List<String> figures = new ArrayList<>(2);
			if (!item.viewed() && item.views() > 0) {
				figures.add(message("timeline.content.views", item.views()));
			}
			if (item.lastRating() != null) {
				figures.add(message("timeline.content.rating", item.lastRating()));
			}
			lines.add(new ContentLine(item.viewed() ? message("timeline.content.viewed") : given, item.title(),
					figures.isEmpty() ? null : String.join(" · ", figures), item.lastComment()));
		}
		return lines;
	}

	List<ConsentRow> consent(Map<ConsentChannel, Map<ConsentPurpose, Decision>> matrix) {
		List<ConsentRow> rows = new ArrayList<>();
		if (matrix.isEmpty()) {
			return rows;
		}
		for (ConsentChannel channel : ConsentChannel.values()) {
			List<ConsentCell> cells = new ArrayList<>();
			for (ConsentPurpose purpose : ConsentPurpose.values()) {
				Decision decision = matrix.get(channel).get(purpose);
				cells.add(new ConsentCell(channel + "." + purpose, decision.allowed() ? "text-success" : "text-muted",
						decision.allowed() ? "✓" : message("consent.reason." + decision.reason())));
			}
			rows.add(new ConsentRow(message("consent.channel." + channel), cells));
		}
		return rows;
	}

	private String message(String code, Object... args) {
		return this.messages.getMessage(code, args, this.locale);
	}

}
