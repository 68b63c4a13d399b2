package org.openpharma.crm.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * One HCP of a drill-down list and their share of the figure behind it.
 *
 * @param prefectureCode 0 for an HCP without an institution
 * @param date what the list dates (the day the stage was reached, the last outbound contact), or null
 * @param figures the HCP's figures, in the order of {@link DrillDown#figures()}
 */
public record DrillHcp(long id, String nameKanji, String nameKana, String institution, int prefectureCode,
		LocalDate date, List<Long> figures) {
}
