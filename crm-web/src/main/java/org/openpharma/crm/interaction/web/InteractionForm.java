package org.openpharma.crm.interaction.web;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.PolicyDraft;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.stage.PatientCountFacts;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The "log interaction" form: the contact plus any number of needs, stage changes and patient counts, bound
 * by constructor ({@code needs[0].topic}). Rows left blank are ignored; a row the user adds is a new form.
 *
 * @param correctionReason why a colleague of the author's department corrects the record (corrections only)
 * @param version the version of the interaction the user edits (edits only)
 * @param contentVersionIds the approved items shown or handed over in a visit or remote detailing (new contacts only)
 */
public record InteractionForm(Long hcpId, Channel channel, @Size(max = 500) String correctionReason,
		@DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm") LocalDateTime occurredAt, Integer durationMinutes,
		List<Long> productIds, List<Long> therapeuticAreaIds, @Size(max = 200) String outcome,
		@Size(max = 4000) String keyMessages, @Size(max = 4000) String notes, @Valid List<NeedRow> needs,
		@Valid List<StageRow> stages, Long policyAreaId, @Size(max = 2000) String policyNote,
		@Valid List<CountRow> patientCounts, Long version, List<Long> contentVersionIds) {

	/** Rows a form may grow to; a forged index beyond it is refused before binding. */
	static final int MAX_ROWS = 10;

	private static final Pattern ROW_INDEX = Pattern.compile("^(?:needs|stages|patientCounts)\\[([^\\]]*)\\]");

	public InteractionForm {
		channel = (channel != null) ? channel : Channel.VISIT;
		productIds = ids(productIds);
		therapeuticAreaIds = ids(therapeuticAreaIds);
		needs = rows(needs, NeedRow::blank);
		stages = rows(stages, StageRow::blank);
		patientCounts = rows(patientCounts, CountRow::blank);
		contentVersionIds = ids(contentVersionIds);
	}

	/** A new contact now (Japan time): two need rows, a stage row and a count row for this month. */
	static InteractionForm start(Long hcpId, Clock clock) {
		Clock japan = clock.withZone(Japan.ZONE);
		return new InteractionForm(hcpId, Channel.VISIT, null,
				LocalDateTime.now(japan).truncatedTo(ChronoUnit.MINUTES), null, null, null, null, null, null,
				List.of(NeedRow.blank(), NeedRow.blank()), List.of(StageRow.blank()), null, null,
				List.of(CountRow.blank().withPeriod(YearMonth.now(japan))), null, null);
	}

	/**
	 * A planned call about to be logged: its HCP and channel, its area as the visit's area, its item ticked; now as
	 * the time, and the rows of a new contact.
	 */
	static InteractionForm planned(long hcpId, Channel channel, Long therapeuticAreaId, Long contentVersionId,
			Clock clock) {
		InteractionForm start = start(hcpId, clock);
		return new InteractionForm(hcpId, channel, null, start.occurredAt(), null, null,
				(therapeuticAreaId != null) ? List.of(therapeuticAreaId) : null, null, null, null, start.needs(),
				start.stages(), null, null, start.patientCounts(), null,
				(contentVersionId != null) ? List.of(contentVersionId) : null);
	}

	/** The contact as stored, for the author's edit or (without its version) a correction; no rows. */
	static InteractionForm of(Interaction interaction) {
		return new InteractionForm(interaction.getHcpId(), interaction.getChannel(), null,
				interaction.getOccurredAt().atZone(Japan.ZONE).toLocalDateTime(), interaction.getDurationMinutes(),
				new ArrayList<>(interaction.getProductIds()), new ArrayList<>(interaction.getTherapeuticAreaIds()),
				interaction.getOutcome(), interaction.getKeyMessages(), interaction.getNotes(), null, null, null, null,
				null, interaction.getVersion(), null);
	}

	InteractionForm withHcpId(Long newHcpId) {
		return new InteractionForm(newHcpId, this.channel, this.correctionReason, this.occurredAt,
				this.durationMinutes, this.productIds, this.therapeuticAreaIds, this.outcome, this.keyMessages,
				this.notes, this.needs, this.stages, this.policyAreaId, this.policyNote, this.patientCounts,
				this.version, this.contentVersionIds);
	}

	InteractionForm withVersion(Long newVersion) {
		return new InteractionForm(this.hcpId, this.channel, this.correctionReason, this.occurredAt,
				this.durationMinutes, this.productIds, this.therapeuticAreaIds, this.outcome, this.keyMessages,
				this.notes, this.needs, this.stages, this.policyAreaId, this.policyNote, this.patientCounts,
				newVersion, this.contentVersionIds);
	}

	/** This form with one more blank row of a kind ("need", "stage" or "count"), up to {@link #MAX_ROWS}. */
	InteractionForm withRow(String kind) {
		List<NeedRow> newNeeds = "need".equals(kind) ? plus(this.needs, NeedRow.blank()) : this.needs;
		List<StageRow> newStages = "stage".equals(kind) ? plus(this.stages, StageRow.blank()) : this.stages;
		List<CountRow> newCounts = "count".equals(kind) ? plus(this.patientCounts, CountRow.blank())
				: this.patientCounts;
		return new InteractionForm(this.hcpId, this.channel, this.correctionReason, this.occurredAt,
				this.durationMinutes, this.productIds, this.therapeuticAreaIds, this.outcome, this.keyMessages,
				this.notes, newNeeds, newStages, this.policyAreaId, this.policyNote, newCounts, this.version,
				this.contentVersionIds);
	}

	/** Whether a request parameter names a row within {@link #MAX_ROWS} (other parameters always are). */
	static boolean withinRowLimit(String parameter) {
		Matcher row = ROW_INDEX.matcher(parameter);
		if (!row.find()) {
			return true;
		}
		String index = row.group(1);
		return index.matches("\\d{1,2}") && Integer.parseInt(index) < MAX_ROWS;
	}

	InteractionFacts toFacts() {
		return new InteractionFacts(this.channel,
				(this.occurredAt != null) ? this.occurredAt.atZone(Japan.ZONE).toInstant() : null, this.durationMinutes,
				this.outcome, this.keyMessages, this.notes, new HashSet<>(this.productIds),
				new HashSet<>(this.therapeuticAreaIds));
	}

	/** What the user entered, without the rows left blank. */
	InteractionCapture toCapture() {
		List<NeedDraft> needDrafts = filled(this.needs).stream()
			.map(this.needs::get)
			.map(n -> new NeedDraft(n.topic(), n.category(), n.therapeuticAreaId(), n.productId(), n.urgency(),
					n.details()))
			.toList();
		List<StageDraft> stageDrafts = filled(this.stages).stream()
			.map(this.stages::get)
			.map(s -> new StageDraft(s.therapeuticAreaId(), s.stage(), s.reason()))
			.toList();
		List<PatientCountFacts> counts = filled(this.patientCounts).stream()
			.map(this.patientCounts::get)
			.map(c -> new PatientCountFacts(c.therapeuticAreaId(), c.productId(), c.period(), c.eligiblePatients(),
					c.treatedPatients()))
			.toList();
		PolicyDraft policy = (this.policyNote != null && !this.policyNote.isBlank())
				? new PolicyDraft(this.policyAreaId, this.policyNote) : null;
		return new InteractionCapture(this.hcpId, toFacts(), needDrafts, stageDrafts, policy, counts);
	}

	/**
	 * The violations of a {@link #toCapture() capture} on this form's rows: "needs[0]" of the capture is the
	 * first need row that was not blank.
	 */
	ValidationException toFormPaths(ValidationException ex) {
		List<Integer> needIndex = filled(this.needs);
		List<Integer> stageIndex = filled(this.stages);
		List<Integer> countIndex = filled(this.patientCounts);
		return new ValidationException(ex.getViolations().stream().map(v -> {
			String field = v.field();
			if (field != null) {
				field = remap(field, "needs[", needIndex);
				field = remap(field, "stages[", stageIndex);
				field = remap(field, "patientCounts[", countIndex);
			}
			return new FieldViolation(field, v.code(), v.arguments());
		}).toList());
	}

	private static String remap(String field, String prefix, List<Integer> index) {
		if (!field.startsWith(prefix)) {
			return field;
		}
		int end = field.indexOf(']');
		int i = Integer.parseInt(field.substring(prefix.length(), end));
		return prefix + index.get(i) + field.substring(end);
	}

	/** The indexes of the rows that are not blank. */
	private static List<Integer> filled(List<? extends Row> rows) {
		return IntStream.range(0, rows.size()).filter(i -> !rows.get(i).isBlank()).boxed().toList();
	}

	private static List<Long> ids(List<Long> ids) {
		return (ids != null) ? ids.stream().filter(Objects::nonNull).toList() : List.of();
	}

	/** The rows as bound: a gap in the indexes ("needs[0]", "needs[2]") is a blank row, as the user saw it. */
	private static <R> List<R> rows(List<R> rows, Supplier<R> blank) {
		return (rows != null) ? rows.stream().map(r -> (r != null) ? r : blank.get()).toList() : List.of();
	}

	private static <R> List<R> plus(List<R> rows, R row) {
		if (rows.size() >= MAX_ROWS) {
			return rows;
		}
		List<R> more = new ArrayList<>(rows);
		more.add(row);
		return List.copyOf(more);
	}

	/** A row of the form that may be left blank. */
	interface Row {

		boolean isBlank();

	}

	/** One information need row. */
	public record NeedRow(@Size(max = 200) String topic, NeedCategory category, Long therapeuticAreaId,
			Long productId, Urgency urgency, @Size(max = 2000) String details) implements Row {

		public NeedRow {
			urgency = (urgency != null) ? urgency : Urgency.NORMAL;
		}

		static NeedRow blank() {
			return new NeedRow(null, null, null, null, Urgency.NORMAL, null);
		}

		@Override
		public boolean isBlank() {
			return (this.topic == null || this.topic.isBlank()) && (this.details == null || this.details.isBlank());
		}

	}

	/** One adoption stage row. */
	public record StageRow(Long therapeuticAreaId, AdoptionStage stage, @Size(max = 500) String reason)
			implements Row {

		static StageRow blank() {
			return new StageRow(null, null, null);
		}

		/**
		 * No stage and no reason: the row's area alone follows the visit's (static/js/forms.js), so a visit with an
		 * area (a planned call's, say) does not by itself ask for a stage change.
		 */
		@Override
		public boolean isBlank() {
			return this.stage == null && (this.reason == null || this.reason.isBlank());
		}

	}

	/** One patient count row: numbers only. */
	public record CountRow(Long therapeuticAreaId, Long productId,
			@DateTimeFormat(pattern = "yyyy-MM") YearMonth period, Integer eligiblePatients, Integer treatedPatients)
			implements Row {

		static CountRow blank() {
			return new CountRow(null, null, null, null, null);
		}

		CountRow withPeriod(YearMonth newPeriod) {
			return new CountRow(this.therapeuticAreaId, this.productId, newPeriod, this.eligiblePatients,
					this.treatedPatients);
		}

		@Override
		public boolean isBlank() {
			return this.eligiblePatients == null && this.treatedPatients == null;
		}

	}

}
