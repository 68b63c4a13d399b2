package org.openpharma.crm.gap.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebApprovedContent;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentDraft;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentLibrary;
import org.openpharma.crm.content.ContentQueries;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The content-gap screens with the real security configuration, on this class's own area, product, HCPs and needs:
 * who reaches them, the report and its CSV (audited), the HCPs behind a group within a territorial manager's scope,
 * raising a request with field errors, and the marker on the needs board once content answers the request.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
class ContentGapWebIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestUsers users;

	@Autowired
	UserManagement userManagement;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries contentQueries;

	@Autowired
	Clock clock;

	long area;

	long product;

	long tokyoHcp;

	long osakaHcp;

	String topic;

	@BeforeEach
	void anAreaAndTwoHcpsWithADosingQuestion() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, 'ギャップ領域',"
				+ " 'Gap area') RETURNING id", Long.class, "GW" + n);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, 'ギャップ錠', 'Gaptab', ?) RETURNING id", Long.class, "GW" + n + "P", this.area);
		this.tokyoHcp = hcp(13, "東京");
		this.osakaHcp = hcp(27, "大阪");
		this.topic = "投与間隔" + n;
		need(this.tokyoHcp, NeedCategory.PATIENT_SUPPORT);
		need(this.osakaHcp, NeedCategory.PATIENT_SUPPORT);
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, 'TRIAL', now(), 'test')", this.tokyoHcp, this.area);
	}

	long hcp(int prefecture, String name) {
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES (?, 'ビョウイン', 'HOSPITAL', ?) RETURNING id", Long.class, name + "病院", prefecture);
		return this.hcps.create(new HcpDetails(name + " 花子", "テスト ハナコ", null, null, null, null, null, hco), "setup")
			.getId();
	}

	long need(long hcp, NeedCategory category) {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.queryForObject("INSERT INTO information_need (hcp_id, topic, category, product_id, urgency,"
				+ " status, created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, 'NORMAL', 'OPEN', 'mr', ?,"
				+ " 'mr', ?) RETURNING id", Long.class, hcp, this.topic, category.name(), this.product, now, now);
	}

	/** A GET of the group's page (parameters, not a query string: MockMvc would encode it a second time). */
	org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder group(String path) {
		return get(path).param("ta", String.valueOf(this.area)).param("product", String.valueOf(this.product))
			.param("category", "PATIENT_SUPPORT").param("topic", this.topic);
	}

	long audits(String entity) {
		return this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'EXPORT' AND entity_type = ?",
				Long.class, entity);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void onlyMarketingMedicalAffairsAndManagersReachTheContentGap(Role role) throws Exception {
		var as = user(this.users.ensure(role)).roles(role.name());
		boolean allowed = Capability.READ_CONTENT_GAPS.heldBy(role);
		for (String path : List.of("/content/gaps", "/content/requests", "/content/gaps/hcps", "/content/gaps.csv",
				"/content/requests/new")) {
			this.mvc.perform(group(path).with(as)).andExpect(allowed ? status().isOk() : status().isForbidden());
		}
		this.mvc.perform(get("/needs").with(as)).andExpect(status().isOk())
			.andExpect(allowed ? content().string(containsString("id=\"nav-content-gaps\""))
					: content().string(not(containsString("id=\"nav-content-gaps\""))));
	}

	@Test
	void theReportShowsTheGroupWithItsFiguresAndItsCsvIsAudited() throws Exception {
		var marketing = user(this.users.ensure(Role.MARKETING)).roles("MARKETING");
		this.mvc.perform(get("/content/gaps").param("ta", String.valueOf(this.area)).with(marketing))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(this.topic)))
			.andExpect(content().string(containsString("gap-no-content")))
			.andExpect(result -> assertThat(((org.openpharma.crm.gap.ContentGapQueries.Report) result.getModelAndView()
				.getModel().get("report")).groups()).hasSize(1));
		long before = audits("CONTENT_GAP");
		String csv = this.mvc.perform(get("/content/gaps.csv").param("ta", String.valueOf(this.area)).with(marketing))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		List<String> lines = csv.lines().toList();
		assertThat(lines).hasSize(2);
		// area, product, category, topic, key, waiting 2, unmet 0, oldest, 7 stages (TRIAL 1, NONE 1), 12 months.
		assertThat(lines.get(1)).contains("ギャップ錠", this.topic, ",2,0,").contains(",0,0,0,1,0,0,1,");
		assertThat(audits("CONTENT_GAP")).isEqualTo(before + 1);
		// A wrong filter is a warning, not an error page.
		this.mvc.perform(get("/content/gaps").param("category", "NOPE").with(marketing)).andExpect(status().isOk())
			.andExpect(model().attribute("flashWarning", "gap.filter.invalid"));
	}

	@Test
	void aTerritorialManagerListsOnlyTheirTerritorysHcpsAndTheExportIsAudited() throws Exception {
		String manager = "gap-manager-tokyo";
		if (this.userManagement.findByUsername(manager).isEmpty()) {
			Long territory = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES"
					+ " ('TEST_GAP_TOKYO', '東京ギャップ', 'Tokyo gap') RETURNING id", Long.class);
			this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, 13)", territory);
			this.userManagement.create(manager, "Manager Tokyo", "a tokyo gap passphrase", "MANAGEMENT",
					EnumSet.of(Role.MANAGER), Set.of(territory), "setup");
		}
		this.mvc.perform(group("/content/gaps/hcps").with(user(manager).roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/hcps/" + this.tokyoHcp + "\"")))
			.andExpect(content().string(not(containsString("/hcps/" + this.osakaHcp + "\""))));
		this.mvc.perform(group("/content/gaps/hcps").with(user(this.users.ensure(Role.MARKETING))
			.roles("MARKETING"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("/hcps/" + this.osakaHcp + "\"")));
		long before = audits("HCP");
		String csv = this.mvc.perform(group("/content/gaps/hcps.csv").with(user(manager).roles("MANAGER")))
			.andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(csv.lines()).hasSize(2);
		assertThat(audits("HCP")).isEqualTo(before + 1);
		this.mvc.perform(get("/content/gaps/hcps").param("ta", "x").with(user(manager).roles("MANAGER")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aRequestWithATooLongNoteIsAFieldErrorAndAnApprovedItemMarksItsNeedsOnTheBoard() throws Exception {
		var marketing = user(this.users.ensure(Role.MARKETING)).roles("MARKETING");
		this.mvc.perform(group("/content/requests/new").with(marketing)).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"request-department\"")));
		this.mvc.perform(post("/content/requests").param("ta", String.valueOf(this.area))
			.param("product", String.valueOf(this.product)).param("category", "PATIENT_SUPPORT").param("topic", this.topic)
			.param("note", "x".repeat(1001)).with(marketing).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("requestForm", "note", "gap.request.note.tooLong"));
		String location = this.mvc.perform(post("/content/requests").param("ta", String.valueOf(this.area))
			.param("product", String.valueOf(this.product)).param("category", "PATIENT_SUPPORT").param("topic", this.topic)
			.param("note", "患者さん向けの冊子をお願いします").with(marketing).with(csrf()))
			.andExpect(redirectedUrlPattern("/content/requests/*")).andReturn().getResponse().getRedirectedUrl();
		this.mvc.perform(get(location).with(marketing)).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"request-waiting-content\"")));
		this.mvc.perform(get("/needs").param("hcp", String.valueOf(this.tokyoHcp)).with(marketing))
			.andExpect(status().isOk()).andExpect(content().string(not(containsString("content-available"))));

		long item = approvedLeaflet();
		this.mvc.perform(get(location).with(marketing)).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"request-answered\"")))
			.andExpect(content().string(containsString("need-offer")));
		this.mvc.perform(get("/needs").param("hcp", String.valueOf(this.tokyoHcp)).with(marketing))
			.andExpect(status().isOk()).andExpect(content().string(containsString("/content/" + item)));
		// An MR sees the marker on the board too (the needs' owners).
		this.mvc.perform(get("/needs").param("hcp", String.valueOf(this.tokyoHcp)).param("scope", "all")
			.with(user(this.users.ensure(Role.MR)).roles("MR")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("content-available")));
		this.mvc.perform(get("/content/requests").param("department", "MARKETING").with(marketing))
			.andExpect(status().isOk()).andExpect(content().string(containsString(location + "\"")));
		long before = audits("CONTENT_REQUEST");
		this.mvc.perform(get("/content/requests.csv").param("department", "MARKETING").with(marketing))
			.andExpect(status().isOk());
		assertThat(audits("CONTENT_REQUEST")).isEqualTo(before + 1);
	}

	@Test
	void aGroupAnsweredByAMedicalItemShowsItsTitleToMedicalAffairsOnlyAndOthersLearnThatMedicalAnswered()
			throws Exception {
		long n = System.nanoTime() % 1_000_000_000L;
		ContentViewer author = new ContentViewer("gw-med-a-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		ContentViewer second = new ContentViewer("gw-med-b-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		ContentViewer third = new ContentViewer("gw-med-c-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		String title = "患者支援に関するメディカル資料" + n;
		long item = new WebApprovedContent(this.library, this.contentQueries).approve(new ContentDraft(title,
				ContentKind.MEDICAL_LETTER, this.area, Set.of(), Set.of(NeedCategory.PATIENT_SUPPORT), List.of(this.topic),
				Set.of(AdoptionStage.TRIAL), Set.of(ConsentChannel.EMAIL), "ja", "要約", "本文です。",
				LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6), false, null), null, author, second,
				third).itemId();

		for (Role role : List.of(Role.MARKETING, Role.MANAGER)) {
			this.mvc.perform(get("/content/gaps").param("ta", String.valueOf(this.area))
				.with(user(this.users.ensure(role)).roles(role.name())))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("gap-medical")))
				.andExpect(content().string(not(containsString(title))))
				.andExpect(content().string(not(containsString("/content/" + item + "\""))));
			String csv = this.mvc.perform(get("/content/gaps.csv").param("ta", String.valueOf(this.area))
				.with(user(this.users.ensure(role)).roles(role.name()))).andReturn().getResponse()
				.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
			assertThat(csv).doesNotContain(title);
		}
		this.mvc.perform(get("/content/gaps").param("ta", String.valueOf(this.area))
			.with(user(this.users.ensure(Role.MEDICAL)).roles("MEDICAL")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(title)))
			.andExpect(content().string(not(containsString("gap-medical"))));
	}

	long approvedLeaflet() {
		long n = System.nanoTime() % 1_000_000_000L;
		ContentViewer author = new ContentViewer("gw-mkt-" + n, Set.of(Role.MARKETING), "MARKETING");
		ContentViewer medical = new ContentViewer("gw-med-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		ContentViewer reviewer = new ContentViewer("gw-rev-" + n, Set.of(Role.REVIEWER), "COMPLIANCE");
		return new WebApprovedContent(this.library, this.contentQueries).approve(new ContentDraft("患者さん向け説明冊子",
				ContentKind.LEAFLET, this.area, Set.of(), Set.of(NeedCategory.PATIENT_SUPPORT), List.of(this.topic),
				Set.of(AdoptionStage.TRIAL), Set.of(ConsentChannel.VISIT), "ja", "要約", "本文です。",
				LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6), false, null), null, author, medical,
				reviewer).itemId();
	}

}
