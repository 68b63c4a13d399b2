package org.openpharma.crm.hcp.web;

import java.io.IOException;
import java.security.Principal;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletResponse;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.hcp.HcpSearchCriteria;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.system.CsvExport;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** CSV export of any HCP search result, streamed row by row; the export itself is audited. */
@Controller
class HcpExportController {

	static final String[] COLUMNS = { "id", "name_kanji", "name_kana", "name_romaji", "registry_number",
			"specialty", "institution", "prefecture", "status" };

	private final HcpSearch search;

	private final ReferenceData reference;

	private final AuditTrail audit;

	HcpExportController(HcpSearch search, ReferenceData reference, AuditTrail audit) {
		this.search = search;
		this.reference = reference;
		this.audit = audit;
	}

	@GetMapping("/hcps/export.csv")
	void export(@ModelAttribute("criteria") HcpController.SearchParams params,
			org.springframework.validation.BindingResult ignoredErrors, Locale locale, Principal user,
			HttpServletResponse response) throws IOException {
		HcpSearchCriteria criteria = params.toCriteria();
		AtomicLong rows = new AtomicLong();
		try (CsvExport csv = CsvExport.download(response, "hcps.csv", COLUMNS)) {
			this.search.forEach(criteria, row -> {
				csv.row(row.id(), row.nameKanji(), row.nameKana(), row.nameRomaji(), row.registryNumber(),
						this.reference.specialtyName(row.specialtyCode(), locale), row.hcoName(),
						this.reference.prefectureName(row.prefectureCode(), locale), row.status());
				rows.incrementAndGet();
			});
		}
		this.audit.recordSeparately(user.getName(), "EXPORT", "HCP", null,
				Map.of("query", criteria.query(), "institution", criteria.institution(),
						"specialty", String.valueOf(criteria.specialtyCode()),
						"prefecture", String.valueOf(criteria.prefectureCode()), "rows", rows.get()));
	}

}
