package org.openpharma.crm.inquiry;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.openpharma.crm.shared.Japan;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SLA settings: business days per priority and for adverse-event hand-offs, and the days off
 * ({@code crm.inquiry.holidays}, ISO dates; by default Japan's national holidays of 2026 and 2027 and the
 * new-year break). Operations keeps the list current (docs/operations.md).
 */
@Configuration(proxyBeanMethods = false)
class InquiryConfiguration {

	static final String DEFAULT_HOLIDAYS = "2026-01-01,2026-01-02,2026-01-12,2026-02-11,2026-02-23,2026-03-20,"
			+ "2026-04-29,2026-05-04,2026-05-05,2026-05-06,2026-07-20,2026-08-11,2026-09-21,2026-09-22,2026-09-23,"
			+ "2026-10-12,2026-11-03,2026-11-23,2026-12-31,2027-01-01,2027-01-11,2027-02-11,2027-02-23,2027-03-22,"
			+ "2027-04-29,2027-05-03,2027-05-04,2027-05-05,2027-07-19,2027-08-11,2027-09-20,2027-09-23,2027-10-11,"
			+ "2027-11-03,2027-11-23,2027-12-31";

	@Bean
	SlaPolicy slaPolicy(@Value("${crm.inquiry.sla.urgent-days:1}") int urgentDays,
			@Value("${crm.inquiry.sla.normal-days:5}") int normalDays,
			@Value("${crm.inquiry.sla.adverse-event-days:1}") int adverseEventDays,
			@Value("${crm.inquiry.holidays:" + DEFAULT_HOLIDAYS + "}") List<String> holidays) {
		Set<LocalDate> days = holidays.stream().map(String::strip).filter(s -> !s.isEmpty()).map(LocalDate::parse)
			.collect(Collectors.toSet());
		return new SlaPolicy(urgentDays, normalDays, adverseEventDays,
				new BusinessCalendar(Japan.ZONE, days));
	}

}
