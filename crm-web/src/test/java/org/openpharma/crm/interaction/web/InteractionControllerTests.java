package org.openpharma.crm.interaction.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.interaction.MyHcpsQueries;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.UserManagement;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The capture form bound as a record: defaults, added rows, failed values kept on screen, forged rows. */
@WebMvcTest(InteractionController.class)
@Import({ org.openpharma.crm.system.SecurityConfigurationAccess.class, InteractionControllerTests.FixedClock.class, org.openpharma.crm.content.ContentViewers.class })
@WithMockUser(username = "mr", roles = "MR")
class InteractionControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	org.openpharma.crm.delivery.ContentShown shown;

	@MockitoBean
	org.openpharma.crm.delivery.ContentPicker picker;

	@MockitoBean
	InteractionManagement interactions;

	@MockitoBean
	org.openpharma.crm.plan.CallPlans plans;

	@MockitoBean
	HcpSearch search;

	@MockitoBean
	MyHcpsQueries myHcps;

	@MockitoBean
	ReferenceData reference;

	@MockitoBean
	UserManagement users;

	@MockitoBean
	org.openpharma.crm.user.ApiTokens apiTokens;

	@MockitoBean
	org.openpharma.crm.audit.AuditTrail audit;

	static class FixedClock {

		@Bean
		Clock clock() {
			// 09:30 on 25 November in Japan.
			return Clock.fixed(Instant.parse("2026-11-25T00:30:00Z"), ZoneOffset.UTC);
		}

	}

	@Test
	void initCreationFormStartsNowInJapanWithEmptyRows() throws Exception {
		MvcResult result = this.mvc.perform(get("/interactions/new").param("hcpId", "7"))
			.andExpect(status().isOk())
			.andExpect(view().name("interaction/form"))
			.andReturn();
		InteractionForm form = (InteractionForm) result.getModelAndView().getModel().get("form");
		assertThat(form.hcpId()).isEqualTo(7L);
		assertThat(form.occurredAt()).isEqualTo(LocalDateTime.of(2026, 11, 25, 9, 30));
		assertThat(form.needs()).hasSize(2);
		assertThat(form.stages()).hasSize(1);
		assertThat(form.patientCounts()).singleElement()
			.satisfies(row -> assertThat(row.period()).isEqualTo(YearMonth.of(2026, 11)));
		assertThat(result.getResponse().getContentAsString()).contains("value=\"2026-11-25T09:30\"")
			.contains("id=\"patientCounts0.period\"")
			.contains("value=\"2026-11\"");
	}

	@Test
	void addingARowKeepsEverythingTyped() throws Exception {
		MvcResult result = this.mvc.perform(post("/interactions/new").with(csrf())
			.param("hcpId", "7")
			.param("occurredAt", "2026-11-25T09:30")
			.param("keyMessages", "OS benefit")
			.param("needs[0].topic", "用量")
			.param("needs[1].topic", "")
			.param("add", "need"))
			.andExpect(status().isOk())
			.andExpect(view().name("interaction/form"))
			.andExpect(content().string(containsString("id=\"needs2.topic\"")))
			.andReturn();
		InteractionForm form = (InteractionForm) result.getModelAndView().getModel().get("form");
		assertThat(form.needs()).extracting(InteractionForm.NeedRow::topic).containsExactly("用量", "", null);
		assertThat(result.getResponse().getContentAsString()).contains("value=\"用量\"").contains("OS benefit");
		verify(this.interactions, never()).log(any(), anyString());
	}

	/** A number field shows no text that is not a number (Thymeleaf); the browser would not send one. */
	@Test
	void valuesThatDoNotConvertAreFieldErrorsAndEverythingTypedStays() throws Exception {
		MvcResult result = this.mvc.perform(post("/interactions/new").with(csrf())
			.param("hcpId", "7")
			.param("occurredAt", "2026-11-25T09:30")
			.param("needs[0].topic", "腎機能低下時の用量")
			.param("patientCounts[0].period", "2026-13")
			.param("patientCounts[0].eligiblePatients", "forty")
			.param("patientCounts[0].treatedPatients", "12"))
			.andExpect(status().isOk())
			.andExpect(view().name("interaction/form"))
			.andExpect(model().attributeHasFieldErrorCode("form", "patientCounts[0].period", "typeMismatch"))
			.andExpect(model().attributeHasFieldErrorCode("form", "patientCounts[0].eligiblePatients", "typeMismatch"))
			.andReturn();
		assertThat(result.getResponse().getContentAsString()).contains("value=\"腎機能低下時の用量\"")
			.contains("value=\"2026-13\"")
			.contains("value=\"12\"")
			.contains("value=\"2026-11-25T09:30\"")
			.contains("id=\"patientCounts0.period-error\"")
			.contains("正しい値を入力してください");
		verify(this.interactions, never()).log(any(), anyString());
	}

	@Test
	void aBadDateIsAFieldErrorNotAnEmptyForm() throws Exception {
		this.mvc.perform(post("/interactions/new").with(csrf())
			.param("hcpId", "7")
			.param("occurredAt", "yesterday")
			.param("keyMessages", "kept"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "occurredAt", "typeMismatch"))
			.andExpect(content().string(containsString("value=\"yesterday\"")))
			.andExpect(content().string(containsString(">kept</textarea>")));
	}

	@Test
	void aViolationOfACapturedRowLandsOnTheFormRowThatProducedIt() throws Exception {
		given(this.interactions.log(any(), eq("mr")))
			.willThrow(new ValidationException(List.of(new FieldViolation("needs[0].category", "need.category.required"))));
		this.mvc.perform(post("/interactions/new").with(csrf())
			.param("hcpId", "7")
			.param("occurredAt", "2026-11-25T09:30")
			.param("needs[0].topic", "")
			.param("needs[1].topic", "資材"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "needs[1].category", "need.category.required"));
		ArgumentCaptor<InteractionCapture> capture = ArgumentCaptor.forClass(InteractionCapture.class);
		verify(this.interactions).log(capture.capture(), eq("mr"));
		assertThat(capture.getValue().needs()).singleElement()
			.satisfies(need -> assertThat(need.topic()).isEqualTo("資材"));
	}

	@Test
	void aForgedRowIndexBeyondTheLimitIsABadRequest() throws Exception {
		this.mvc.perform(post("/interactions/new").with(csrf()).param("needs[10].topic", "x"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/interactions/new").with(csrf()).param("patientCounts[99999999999].treatedPatients", "1"))
			.andExpect(status().isBadRequest());
		verify(this.interactions, never()).log(any(), anyString());
	}

	@Test
	void aCorrectionIsForTheOriginalsHcpWhateverWasSubmitted() throws Exception {
		Interaction original = Interaction.record(7L, new InteractionFacts(Channel.VISIT,
				Instant.parse("2026-11-20T01:00:00Z"), 20, null, "first", null, null, null), "mr", "SALES", null, null,
				Instant.parse("2026-11-20T01:00:00Z"));
		given(this.interactions.get(3L)).willReturn(original);
		given(this.interactions.mayCorrect(3L, "mr")).willReturn(true);
		given(this.interactions.correct(anyLong(), any(), any(), eq("mr"))).willReturn(original);
		given(this.search.summary(anyLong())).willReturn(Optional.empty());
		this.mvc.perform(post("/interactions/3/correct").with(csrf())
			.param("hcpId", "8")
			.param("occurredAt", "2026-11-20T10:00")
			.param("keyMessages", "corrected")
			.param("correctionReason", "wrong day"))
			.andExpect(redirectedUrl("/hcps/7"));
		ArgumentCaptor<InteractionCapture> capture = ArgumentCaptor.forClass(InteractionCapture.class);
		verify(this.interactions).correct(eq(3L), capture.capture(), eq("wrong day"), eq("mr"));
		assertThat(capture.getValue().hcpId()).isEqualTo(7L);
		assertThat(capture.getValue().facts().keyMessages()).isEqualTo("corrected");
	}

}
