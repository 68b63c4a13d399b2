package org.openpharma.crm.dashboard.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.dashboard.DrillDown;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.reference.ReferenceData.Item;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A drill-down's filter in words, as a manager would say it: 「2026年11月 · 東京都 · 全領域」. Only what applies
 * to the list is said (a stage is now, not in a period; coverage has no area), and what is not set reads as
 * "all" rather than being left out.
 */
@Component
class DrillWords {

	private final MessageSource messages;

	private final ReferenceData reference;

	DrillWords(MessageSource messages, ReferenceData reference) {
		this.messages = messages;
		this.reference = reference;
	}

	/** The parts of the sentence, in order: when, where, what (area or product), whose contacts. */
	List<String> describe(DashboardFilter filter, DrillDown drill, LocalDate today, Locale locale) {
		List<String> words = new ArrayList<>();
		if (drill instanceof DrillDown.Reporting) {
			words.add(period(filter.from(), filter.to(), locale));
		}
		else {
			words.add(message("dashboard.words.asOf", locale, day(today, locale)));
		}
		words.add(place(filter.regionCode(), prefectureOf(drill), locale));
		if (drill instanceof DrillDown.Reporting) {
			words.add((filter.productId() != null) ? name(this.reference.products(), filter.productId().toString(), locale)
					: (filter.therapeuticAreaId() != null)
							? name(this.reference.therapeuticAreas(), filter.therapeuticAreaId().toString(), locale)
							: message("dashboard.words.allAreas", locale));
		}
		if (drill instanceof DrillDown.Stage stage) {
			words.add(name(this.reference.therapeuticAreas(), Long.toString(stage.therapeuticAreaId()), locale));
		}
		if (drill instanceof DrillDown.Uncovered) {
			words.add((filter.departmentCode() != null)
					? message("dashboard.words.contactsBy", locale,
							this.reference.departmentName(filter.departmentCode(), locale))
					: message("dashboard.words.contactsByAnyone", locale));
		}
		return words;
	}

	private static Integer prefectureOf(DrillDown drill) {
		if (drill instanceof DrillDown.Reporting reporting) {
			return reporting.prefecture();
		}
		if (drill instanceof DrillDown.Uncovered uncovered) {
			return uncovered.prefecture();
		}
		return null;
	}

	String period(YearMonth from, YearMonth to, Locale locale) {
		if (from.equals(to)) {
			return month(from, locale);
		}
		return message("dashboard.words.period", locale, month(from, locale), month(to, locale));
	}

	private String place(String region, Integer prefecture, Locale locale) {
		if (prefecture != null) {
			return this.reference.prefectureName(prefecture, locale);
		}
		if (region != null) {
			return name(this.reference.regions(), region, locale);
		}
		return message("dashboard.filter.japan", locale);
	}

	private String month(YearMonth month, Locale locale) {
		return month.format(DateTimeFormatter.ofPattern(message("dashboard.words.monthPattern", locale), locale));
	}

	String day(LocalDate day, Locale locale) {
		return day.format(DateTimeFormatter.ofPattern(message("dashboard.words.dayPattern", locale), locale));
	}

	private static String name(List<Item> items, String code, Locale locale) {
		return items.stream().filter(i -> i.code().equals(code)).map(i -> i.name(locale)).findFirst().orElse(code);
	}

	private String message(String code, Locale locale, Object... args) {
		return this.messages.getMessage(code, args, locale);
	}

}
