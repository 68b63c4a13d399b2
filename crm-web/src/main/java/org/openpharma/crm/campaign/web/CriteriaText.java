package org.openpharma.crm.campaign.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.openpharma.crm.campaign.SegmentCriteria;
import org.openpharma.crm.reference.ReferenceData;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A segment's criteria in words, one line per criterion set, in the reader's language: the list of saved segments
 * and a campaign say what their members have in common (everything explained).
 */
@Component("segmentText")
public class CriteriaText {

	private final MessageSource messages;

	private final ReferenceData reference;

	private final JdbcTemplate jdbc;

	CriteriaText(MessageSource messages, ReferenceData reference, JdbcTemplate jdbc) {
		this.messages = messages;
		this.reference = reference;
		this.jdbc = jdbc;
	}

	public List<String> lines(SegmentCriteria c, Locale locale) {
		List<String> lines = new ArrayList<>();
		if (c.therapeuticAreaId() != null) {
			String area = name(this.reference.therapeuticAreas(), String.valueOf(c.therapeuticAreaId()), locale);
			lines.add(c.stages().isEmpty() ? text(locale, "segment.text.area", area)
					: text(locale, "segment.text.stages", area, join(c.stages(), s -> text(locale, "stage." + s))));
		}
		if (c.productId() != null) {
			lines.add(text(locale, "segment.text.product",
					name(this.reference.products(), String.valueOf(c.productId()), locale)));
		}
		if (!c.specialties().isEmpty()) {
			lines.add(text(locale, "segment.text.specialties",
					join(c.specialties(), s -> this.reference.specialtyName(s, locale))));
		}
		if (!c.regions().isEmpty() || !c.prefectures().isEmpty()) {
			List<String> places = new ArrayList<>();
			c.regions().stream().sorted().forEach(r -> places.add(name(this.reference.regions(), r, locale)));
			c.prefectures().stream().sorted().forEach(p -> places.add(this.reference.prefectureName(p, locale)));
			lines.add(text(locale, "segment.text.places", String.join(locale.getLanguage().equals("ja") ? "、" : ", ",
					places)));
		}
		if (!c.needCategories().isEmpty()) {
			lines.add(text(locale, "segment.text.needs", join(c.needCategories(), n -> text(locale, "need.category." + n))));
		}
		if (c.seenItemId() != null) {
			String title = this.jdbc.query("SELECT v.title FROM content_version v WHERE v.item_id = ? ORDER BY v.id DESC LIMIT 1",
					rs -> rs.next() ? rs.getString(1) : "#" + c.seenItemId(), c.seenItemId());
			lines.add(text(locale, Boolean.TRUE.equals(c.seen()) ? "segment.text.seen" : "segment.text.notSeen", title));
		}
		if (c.contactWithinDays() != null) {
			lines.add(text(locale, "segment.text.contactWithin", c.contactWithinDays()));
		}
		if (c.noContactForDays() != null) {
			lines.add(text(locale, "segment.text.noContactFor", c.noContactForDays()));
		}
		if (!c.consentChannels().isEmpty()) {
			lines.add(text(locale, "segment.text.consent",
					join(c.consentChannels(), ch -> text(locale, "consent.channel." + ch))));
		}
		if (c.minPatientMonths() != null) {
			lines.add(text(locale, "segment.text.patients", c.minPatientMonths()));
		}
		if (lines.isEmpty()) {
			lines.add(text(locale, "segment.text.everyone"));
		}
		return lines;
	}

	private <T extends Comparable<? super T>> String join(java.util.Collection<T> values, Function<T, String> name) {
		return values.stream().sorted().map(name).collect(Collectors.joining(" / "));
	}

	private static String name(List<ReferenceData.Item> items, String code, Locale locale) {
		return items.stream().filter(i -> i.code().equals(code)).findFirst().map(i -> i.name(locale)).orElse(code);
	}

	private String text(Locale locale, String code, Object... args) {
		return this.messages.getMessage(code, args, code, locale);
	}

}
