package org.openpharma.crm.hcp.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.hcp.HcpProfileQueries;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(HcpController.class)
@Import({ org.openpharma.crm.system.SecurityConfigurationAccess.class, HcpControllerTests.FixedClock.class, HcpPageQueries.class, org.openpharma.crm.content.ContentViewers.class })
@WithMockUser(username = "mr", roles = "MR")
class HcpControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	org.openpharma.crm.delivery.DeliveryQueries deliveries;

	@MockitoBean
	org.openpharma.crm.consent.ConsentLedger consents;

	@MockitoBean
	org.openpharma.crm.inquiry.InquiryQueries inquiries;

	@MockitoBean
	HcpManagement hcps;

	@MockitoBean
	HcpSearch search;

	@MockitoBean
	HcpProfileQueries profiles;

	@MockitoBean
	ReferenceData reference;

	@MockitoBean
	AuditTrail audit;

	@MockitoBean
	UserManagement users;

	@MockitoBean
	org.openpharma.crm.interaction.TimelineQueries timelines;

	@MockitoBean
	org.openpharma.crm.user.ApiTokens apiTokens;

	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
		}

	}

	private static Hcp sample() {
		return Hcp.register(new HcpDetails("佐藤 太郎", "サトウ タロウ", null, null, null, "old@example.jp", null, null),
				"colleague", Instant.parse("2026-11-24T00:00:00Z"));
	}

	@Test
	void initCreationForm() throws Exception {
		this.mvc.perform(get("/hcps/new")).andExpect(status().isOk()).andExpect(view().name("hcp/form"))
			.andExpect(model().attributeExists("form"));
	}

	@Test
	void processCreationFormSuccess() throws Exception {
		Hcp created = org.mockito.Mockito.spy(sample());
		given(created.getId()).willReturn(7L);
		given(this.hcps.create(any(), eq("mr"))).willReturn(created);
		this.mvc.perform(post("/hcps/new").with(csrf()).param("nameKanji", "佐藤 太郎").param("nameKana", "さとう たろう"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/hcps/7"));
	}

	@Test
	void aWriteThatLostARaceInTheDatabaseIsAConflictPageNotA500() throws Exception {
		given(this.hcps.create(any(), any())).willThrow(
				new org.springframework.dao.DataIntegrityViolationException("duplicate key value"));
		this.mvc.perform(post("/hcps/new").with(csrf()).param("nameKanji", "佐藤 太郎").param("nameKana", "さとう たろう"))
			.andExpect(status().isConflict())
			.andExpect(view().name("error/409"));
	}

	@Test
	void processCreationFormHasErrors() throws Exception {
		given(this.hcps.create(any(), any())).willThrow(
				new ValidationException(List.of(new FieldViolation("nameKana", "hcp.nameKana.script"))));
		this.mvc.perform(post("/hcps/new").with(csrf()).param("nameKanji", "佐藤").param("nameKana", "Sato"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "nameKana", "hcp.nameKana.script"))
			.andExpect(view().name("hcp/form"));
	}

	@Test
	void processCreationFormRejectsOverlongInputBeforeTheService() throws Exception {
		this.mvc.perform(post("/hcps/new").with(csrf()).param("nameKanji", "佐".repeat(101)).param("nameKana", "サ"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "nameKanji", "Size"));
		verify(this.hcps, never()).create(any(), any());
	}

	@Test
	void processUpdateFormConcurrentUpdate() throws Exception {
		given(this.hcps.update(eq(5L), eq(3L), any(), eq("mr"))).willThrow(new StaleVersionException("HCP", 5L, 3, 4));
		given(this.hcps.get(5L)).willReturn(sample());
		this.mvc.perform(post("/hcps/5/edit").with(csrf()).param("nameKanji", "佐藤 太郎").param("nameKana", "サトウ タロウ")
			.param("email", "mine@example.jp").param("version", "3"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasErrors("form"))
			.andExpect(model().attributeExists("conflicts"))
			.andExpect(view().name("hcp/form"));
	}

	@Test
	void processUpdateFormWithoutVersionIsRefused() throws Exception {
		this.mvc.perform(post("/hcps/5/edit").with(csrf()).param("nameKanji", "佐藤").param("nameKana", "サトウ"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasErrors("form"));
		verify(this.hcps, never()).update(anyLong(), anyLong(), any(), any());
	}

	@Test
	void showUnknownHcpIsNotFound() throws Exception {
		given(this.hcps.get(99L)).willThrow(new NotFoundException("HCP", 99L));
		this.mvc.perform(get("/hcps/99")).andExpect(status().isNotFound()).andExpect(view().name("error/404"));
	}

	@Test
	void showMergedHcpRedirectsToTheSurvivor() throws Exception {
		Hcp merged = org.mockito.Mockito.spy(sample());
		given(merged.getStatus()).willReturn(org.openpharma.crm.hcp.HcpStatus.MERGED);
		given(merged.getMergedIntoId()).willReturn(1L);
		given(this.hcps.get(2L)).willReturn(merged);
		this.mvc.perform(get("/hcps/2")).andExpect(redirectedUrl("/hcps/1"));
	}

	@Test
	void aTamperedListFilterIsDroppedWithANoteAndTheRestStays() throws Exception {
		given(this.search.search(any(), org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.anyInt()))
			.willReturn(new org.openpharma.crm.shared.SearchPage<>(List.of(), 0, HcpController.PAGE_SIZE, 0, false));
		this.mvc.perform(get("/hcps").param("q", "佐藤").param("prefecture", "abc").param("page", "x"))
			.andExpect(status().isOk())
			.andExpect(view().name("hcp/list"))
			.andExpect(model().attribute("flashWarning", "search.filter.invalid"))
			.andExpect(model().attributeHasFieldErrorCode("criteria", "prefecture", "typeMismatch"))
			.andExpect(model().attribute("base", "/hcps?q=%E4%BD%90%E8%97%A4&sort=kana&dir=asc"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("value=\"佐藤\"")));
		verify(this.search).search(eq(new org.openpharma.crm.hcp.HcpSearchCriteria("佐藤", "", "", null, "kana", false)),
				eq(0), eq(HcpController.PAGE_SIZE));
	}

	@Test
	void theFirstPageHasNoLinkToAPageBeforeItAndACappedListSaysHowToNarrowIt() throws Exception {
		given(this.search.search(any(), org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.anyInt()))
			.willReturn(new org.openpharma.crm.shared.SearchPage<>(List.of(), 0, HcpController.PAGE_SIZE,
					org.openpharma.crm.shared.SearchPage.COUNT_CAP + 1, false));
		this.mvc.perform(get("/hcps"))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("page=-1")),
						org.hamcrest.Matchers.containsString("<span class=\"page-link\" id=\"page-prev\""),
						org.hamcrest.Matchers.containsString("id=\"page-next\" href=\"/hcps?sort=kana&amp;dir=asc&amp;page=1\""),
						org.hamcrest.Matchers.containsString("1 / 50"),
						org.hamcrest.Matchers.containsString("施設名・診療科・都道府県を指定して絞り込んでください"))));
	}

}
