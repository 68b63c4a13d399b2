package org.openpharma.crm.hcp;

/** One row of an HCP search: what a list, an export and the API show. */
public record HcpSummary(long id, String nameKanji, String nameKana, String nameRomaji, String registryNumber,
		String specialtyCode, Long hcoId, String hcoName, Integer prefectureCode, String status) {
}
