package org.openpharma.crm.delivery.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebApprovedContent;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentEntry;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.consent.ConsentSource;
import org.openpharma.crm.consent.ConsentState;
import org.openpharma.crm.content.ContentDraft;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentLibrary;
import org.openpharma.crm.content.ContentQueries;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.ContentEmails;
import org.openpharma.crm.delivery.ContentEmails.EmailRequest;
import org.openpharma.crm.delivery.ContentEmails.Queued;
import org.openpharma.crm.delivery.MailOutbox;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The delivery screens without a mail server (the one-machine demo): mails stay queued and the sent-mail page says
 * so; the health entry is UNKNOWN; a tampered form cannot send what the sender may not; the tracked file may be
 * framed by the CRM's own pages only; the rating form keeps its CSRF check.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
class DeliveryWebIntegrationTests extends WebTestBase {

	static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
			+ "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
		.getBytes(StandardCharsets.US_ASCII);

	@Autowired
	MockMvc mvc;

	@Autowired
	TestUsers users;

	@Autowired
	org.openpharma.crm.user.UserManagement userManagement;

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries contentQueries;

	@Autowired
	ContentEmails emails;

	@Autowired
	MailOutbox outbox;

	@Autowired
	MailHealthIndicator health;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	ContentViewer marketing;

	ContentViewer medical;

	long area;

	long hcp;

	LocalDate expires;

	@BeforeEach
	void anHcpWithConsent() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.marketing = viewer(Role.MARKETING, "MARKETING");
		this.medical = viewer(Role.MEDICAL, "MEDICAL");
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '配信検査',"
				+ " 'Delivery test') RETURNING id", Long.class, "DW" + n);
		this.expires = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(3);
		this.hcp = this.hcps.create(new HcpDetails("画面 検査", "ガメン ケンサ", null, null, null, "web" + n + "@example.jp",
				null, null), "setup").getId();
		for (ConsentPurpose purpose : List.of(ConsentPurpose.PROMOTIONAL, ConsentPurpose.MEDICAL_INFORMATION)) {
			this.ledger.record(this.hcp, new ConsentEntry(ConsentChannel.EMAIL, purpose, ConsentState.GRANTED,
					ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null), "setup");
		}
	}

	ContentViewer viewer(Role role, String department) {
		return new ContentViewer(this.users.ensure(role), Set.of(role), department);
	}

	long approved(ContentViewer author, String title, ContentKind kind, String body, ContentLibrary.Upload file) {
		// A promotional item: medical affairs and the regulatory reviewer; a medical one: two other medical users.
		ContentViewer first = author.seesMedical() ? extraMedical("medical-dw2") : this.medical;
		ContentViewer second = author.seesMedical() ? extraMedical("medical-dw3") : viewer(Role.REVIEWER, "COMPLIANCE");
		return new WebApprovedContent(this.library, this.contentQueries)
			.approve(new ContentDraft(title, kind, this.area, Set.of(), Set.of(), List.of(), Set.of(),
					Set.of(ConsentChannel.EMAIL), "ja", null, body, this.expires, false, null), file, author, first, second)
			.versionId();
	}

	ContentViewer extraMedical(String name) {
		if (this.userManagement.findByUsername(name).isEmpty()) {
			this.userManagement.create(name, "MSL " + name, TestUsers.PASSWORD, "MEDICAL", java.util.EnumSet.of(Role.MEDICAL),
					Set.of(), "test-setup");
		}
		return new ContentViewer(name, Set.of(Role.MEDICAL), "MEDICAL");
	}

	long template(ContentViewer author) {
		return approved(author, "{{hcp.name}} 先生へ", ContentKind.EMAIL_TEMPLATE, "{{hcp.name}} 先生\n{{content.links}}",
				null);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void onlySendersReachTheEmailScreens(Role role) throws Exception {
		var as = user(role.name().toLowerCase()).roles(role.name());
		boolean sender = Capability.SEND_CONTENT.heldBy(role);
		this.mvc.perform(get("/emails").with(as)).andExpect(status().is(sender ? 200 : 403));
		this.mvc.perform(get("/emails?status=BOUNCED&page=-4").with(as)).andExpect(status().is(sender ? 200 : 403));
		this.mvc.perform(get("/emails/987654321").with(as)).andExpect(status().is(sender ? 404 : 403));
		this.mvc.perform(get("/hcps/" + this.hcp + "/emails/new").with(as)).andExpect(status().is(sender ? 200 : 403));
		this.mvc.perform(get("/hcps/" + this.hcp + "/emails/panel").with(as)).andExpect(status().is(sender ? 200 : 403));
		// An empty form: field errors (200) for senders, 403 before the form is read for the rest; nothing queued.
		this.mvc.perform(post("/hcps/" + this.hcp + "/emails").with(as).with(csrf()).param("versionIds", "x"))
			.andExpect(status().is(sender ? 200 : 403));
		this.mvc.perform(get("/hcps/" + this.hcp + "/deliveries/987654321/rating").with(as))
			.andExpect(status().is(sender ? 404 : 403));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_email WHERE hcp_id = ?", Long.class, this.hcp))
			.isZero();
	}

	@Test
	void theHcpsLinksNeedNoSignInAndAnUnknownOneShowsNothing() throws Exception {
		this.mvc.perform(get("/c/not-a-link-anyone-was-given-0000")).andExpect(status().isNotFound());
		this.mvc.perform(get("/c/not-a-link-anyone-was-given-0000/file")).andExpect(status().isNotFound());
		this.mvc.perform(get("/u/not-a-link-anyone-was-given-0000")).andExpect(status().isNotFound());
		// The one-click POST carries no CSRF token: not refused for that, only for the unknown link.
		this.mvc.perform(post("/u/not-a-link-anyone-was-given-0000").param("List-Unsubscribe", "One-Click"))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/c/not-a-link-anyone-was-given-0000/rating").with(csrf()).param("helpful", "3"))
			.andExpect(status().isNotFound());
	}

	@Test
	void withoutAMailServerTheMailStaysQueuedAndTheSentMailPageSaysSo() throws Exception {
		long template = template(this.marketing);
		long item = approved(this.marketing, "用量表", ContentKind.LEAFLET, "本文", null);
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);

		assertThat(this.outbox.configured()).isFalse();
		assertThat(this.outbox.sendDue(100)).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT status FROM content_email WHERE id = ?", String.class,
				queued.emailId())).isEqualTo("QUEUED");
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UNKNOWN);
		this.mvc.perform(get("/emails").with(user("marketing").roles("MARKETING")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"no-mail-server\"")))
			.andExpect(content().string(containsString("data-mail-id=\"" + queued.emailId() + "\"")));
		this.mvc.perform(get("/emails/" + queued.emailId()).with(user("marketing").roles("MARKETING")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("画面 検査 先生")));
		this.mvc.perform(get("/emails").with(user("manager").roles("MANAGER"))).andExpect(status().isForbidden());
	}

	@Test
	void aTamperedFormCannotSendMedicalContentFromACommercialSender() throws Exception {
		long template = template(this.marketing);
		long letter = approved(this.medical, "医学情報提供書", ContentKind.MEDICAL_LETTER, "医学情報", null);
		this.users.ensure(Role.MR);
		this.mvc.perform(post("/hcps/" + this.hcp + "/emails").with(user("mr").roles("MR")).with(csrf())
				.param("templateVersionId", Long.toString(template))
				.param("versionIds", Long.toString(letter)))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "versionIds", "delivery.item.notAllowed"))
			.andExpect(content().string(containsString("id=\"email-form\"")))
			// The firewall: the letter's title is not on the MR's page.
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("医学情報提供書"))));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_email WHERE hcp_id = ?", Long.class, this.hcp))
			.isZero();
	}

	@Test
	void theTrackedFileIsFramedByTheCrmOnlyAndTheRatingKeepsItsCsrfCheck() throws Exception {
		long template = template(this.marketing);
		long item = approved(this.marketing, "PDF 資料", ContentKind.LEAFLET, null, ContentLibrary.Upload.of("leaflet.pdf", PDF));
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);
		String body = this.jdbc.queryForObject("SELECT body FROM content_email WHERE id = ?", String.class,
				queued.emailId());
		Matcher m = Pattern.compile("(/c/[A-Za-z0-9_-]{43})").matcher(body);
		assertThat(m.find()).isTrue();
		String path = m.group(1);

		this.mvc.perform(get(path))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(content().string(containsString("id=\"content-file\"")));
		this.mvc.perform(get(path + "/file"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andExpect(header().string("X-Frame-Options", "SAMEORIGIN"))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'self'")))
			.andExpect(content().bytes(PDF));
		this.mvc.perform(post(path + "/rating").param("helpful", "5")).andExpect(status().isForbidden());
		// A score that is no number: a field error on the page, never a 500.
		this.mvc.perform(post(path + "/rating").with(csrf()).param("helpful", "five"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "helpful", "typeMismatch"));
		this.mvc.perform(post(path + "/rating").with(csrf()).param("helpful", "5"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_view WHERE delivery_id = ?", Long.class,
				queued.deliveryIds().get(0))).isEqualTo(1);
		assertThat(this.jdbc.queryForList("SELECT helpful FROM content_feedback WHERE delivery_id = ?", Integer.class,
				queued.deliveryIds().get(0))).containsExactly(5);
	}

}
