package org.openpharma.crm.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The import screens on the whole application: who may use them, upload, job page, error download. */
@WebIntegrationTest
@AutoConfigureMockMvc
class ImportWebIntegrationTests extends WebTestBase {

	static final String HCP_CSV = "registry_number,name_kanji,name_kana\nWEB-1,山田 太郎,ヤマダ タロウ\nWEB-2,佐藤 花子,\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	ImportManagement imports;

	@Autowired
	MessageSource messages;

	@Autowired
	ApplicationContext context;

	@TempDir
	Path dir;

	@Test
	void nonAdminsGetForbidden() throws Exception {
		for (String role : new String[] { "MR", "MARKETING", "MEDICAL", "CALL_CENTER", "MANAGER" }) {
			this.mvc.perform(get("/admin/imports").with(user("someone").roles(role))).andExpect(status().isForbidden());
			this.mvc
				.perform(multipart("/admin/imports").file(file(HCP_CSV)).with(csrf()).with(user("someone").roles(role)))
				.andExpect(status().isForbidden());
		}
	}

	@Test
	void anonymousUsersAreSentToTheLogin() throws Exception {
		this.mvc.perform(get("/admin/imports")).andExpect(status().is3xxRedirection());
	}

	@Test
	void anAdminSeesTheUploadFormAndTheFileFormat() throws Exception {
		this.mvc.perform(get("/admin/imports").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"import-file\"")))
			.andExpect(content().string(containsString("enctype=\"multipart/form-data\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString("registry_number,name_kanji,name_kana")));
	}

	@Test
	void anUploadWithoutCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(multipart("/admin/imports").file(file(HCP_CSV)).with(user("admin").roles("ADMIN")))
			.andExpect(status().isForbidden());
	}

	@Test
	void anUploadStartsAJobAndLeadsToItsPage() throws Exception {
		MvcResult result = this.mvc
			.perform(multipart("/admin/imports").file(file(HCP_CSV))
				.param("kind", "HCO")
				.param("encoding", "UTF_8")
				.with(csrf())
				.with(user("admin").roles("ADMIN")))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("flash", "import.started"))
			.andReturn();
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).matches("/admin/imports/\\d+");
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		ImportJob job = this.imports.get(id);
		assertThat(job.kind()).isEqualTo(ImportKind.HCO);
		assertThat(job.filename()).isEqualTo("doctors.csv");
		assertThat(job.startedBy()).isEqualTo("admin");
		this.mvc.perform(get(location).with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"job-progress\"")));
	}

	@Test
	void anEmptyUploadOrAnUnknownKindIsSentBackWithAMessage() throws Exception {
		this.mvc
			.perform(multipart("/admin/imports").file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
				.with(csrf())
				.with(user("admin").roles("ADMIN")))
			.andExpect(redirectedUrl("/admin/imports"))
			.andExpect(flash().attribute("flashWarning", "import.upload.empty"));
		this.mvc
			.perform(multipart("/admin/imports").file(file(HCP_CSV))
				.param("kind", "PATIENT")
				.with(csrf())
				.with(user("admin").roles("ADMIN")))
			.andExpect(redirectedUrl("/admin/imports"))
			.andExpect(flash().attribute("flashWarning", "import.upload.invalid"));
	}

	@Test
	void aFinishedJobStopsPollingAndShowsItsRowErrorsInTheAdminsLanguage() throws Exception {
		ImportJob job = importNow("registry_number,name_kanji,name_kana\n" + unique() + ",山田 太郎,ヤマダ タロウ\n"
				+ unique() + ",佐藤 花子,\n");
		String expected = this.messages.getMessage("hcp.nameKana.required", null, Locale.ENGLISH);

		this.mvc.perform(get("/admin/imports/{id}/progress", job.id()).param("lang", "en")
			.with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-status=\"DONE\"")))
			.andExpect(content().string(not(containsString("hx-trigger"))))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString(expected)));

		MvcResult csv = this.mvc.perform(get("/admin/imports/{id}/errors.csv", job.id()).param("lang", "ja")
			.with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("text/csv")))
			.andReturn();
		String text = csv.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(text).contains(this.messages.getMessage("hcp.nameKana.required", null, Locale.JAPANESE))
			.contains(",name_kana,");
	}

	@Test
	void theErrorReportDoesNotEchoAFormulaFromTheUploadedFile() throws Exception {
		ImportJob job = importNow("registry_number,name_kanji,name_kana,specialty\n" + unique()
				+ ",山田 太郎,ヤマダ タロウ,=1+1\n");

		String text = this.mvc.perform(get("/admin/imports/{id}/errors.csv", job.id()).with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(text).contains(",'=1+1").doesNotContain(",=1+1");
		// The row number stays a number.
		assertThat(text.lines().skip(1).findFirst().orElseThrow()).startsWith("2,specialty,");
	}

	@Test
	void aJobPageOfAFailedFileExplainsTheFailure() throws Exception {
		ImportJob job = importNow("registry_no,name_kanji,name_kana\nX-1,山田 太郎,ヤマダ タロウ\n");
		String expected = this.messages.getMessage("import.failure.missingHeader", new Object[] { "registry_number" },
				Locale.JAPANESE);
		this.mvc.perform(get("/admin/imports/{id}", job.id()).param("lang", "ja").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"job-failure\"")))
			.andExpect(content().string(containsString(expected)));
	}

	@Test
	void anUnknownJobIsNotFound() throws Exception {
		this.mvc.perform(get("/admin/imports/{id}", Long.MAX_VALUE).with(user("admin").roles("ADMIN")))
			.andExpect(status().isNotFound());
	}

	@Test
	void theImportPoolDoesNotReplaceTheApplicationsTaskExecutor() {
		assertThat(this.context.containsBean("applicationTaskExecutor")).isTrue();
		assertThat(this.context.containsBean("importExecutor")).isTrue();
	}

	private ImportJob importNow(String text) throws IOException {
		Path file = Files.createTempFile(this.dir, "import", ".csv");
		Files.writeString(file, text, StandardCharsets.UTF_8);
		return this.imports.importNow(ImportKind.HCP, ImportEncoding.AUTO, "doctors.csv", file, "admin");
	}

	private static MockMultipartFile file(String text) {
		return new MockMultipartFile("file", "doctors.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
	}

	private static String unique() {
		return "W" + Long.toString(System.nanoTime() % 2_000_000_000L, 36).toUpperCase(Locale.ROOT);
	}

}
