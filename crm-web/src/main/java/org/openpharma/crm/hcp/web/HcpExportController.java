package org.openpharma.crm.hcp.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.hcp.HcpSearchCriteria;
import org.openpharma.crm.reference.ReferenceData;
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
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"hcps.csv\"");
		AtomicLong rows = new AtomicLong();
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		// A byte-order mark so that spreadsheet software opens the Japanese text as UTF-8.
		writer.write('\uFEFF');
		try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get().print(writer)) {
			this.search.forEach(criteria, row -> {
				try {
					csv.printRecord(row.id(), row.nameKanji(), row.nameKana(), row.nameRomaji(), row.registryNumber(),
							this.reference.specialtyName(row.specialtyCode(), locale), row.hcoName(),
							this.reference.prefectureName(row.prefectureCode(), locale), row.status());
					rows.incrementAndGet();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		this.audit.recordSeparately(user.getName(), "EXPORT", "HCP", null,
				Map.of("query", criteria.query(), "institution", criteria.institution(),
						"specialty", String.valueOf(criteria.specialtyCode()),
						"prefecture", String.valueOf(criteria.prefectureCode()), "rows", rows.get()));
	}

}
