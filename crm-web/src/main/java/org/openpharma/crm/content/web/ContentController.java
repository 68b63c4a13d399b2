package org.openpharma.crm.content.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentFiles;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentLibrary;
import org.openpharma.crm.content.ContentLibrary.Upload;
import org.openpharma.crm.content.ContentQueries;
import org.openpharma.crm.content.ContentQueries.Item;
import org.openpharma.crm.content.ContentQueries.VersionDetail;
import org.openpharma.crm.content.ContentQueries.VersionRow;
import org.openpharma.crm.content.ContentReviews;
import org.openpharma.crm.content.ContentStatus;
import org.openpharma.crm.content.ContentUsage;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.content.ContentViewers;
import org.openpharma.crm.content.ReviewDecision;
import org.openpharma.crm.content.ReviewSlot;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.springframework.context.MessageSource;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The content library: the filtered list, an item with its versions, reviews and preview, the upload and edit form,
 * and the moves of a version (to review, review, withdraw, a new version). What a user sees follows
 * {@link ContentViewer}: medical items only for medical affairs, drafts only for authors and reviewers.
 */
@Controller
@Allowed(Capability.READ_CONTENT)
class ContentController {

	private final ContentQueries queries;

	private final ContentLibrary library;

	private final ContentFiles files;

	private final ContentUsage usage;

	private final MessageSource messages;

	private final ReferenceData reference;

	private final UserManagement users;

	private final AuditTrail audit;

	private final Clock clock;

	private final ConversionService conversion;

	private final ContentViewers viewers;

	ContentController(ContentQueries queries, ContentLibrary library, ContentFiles files, ContentUsage usage,
			ReferenceData reference, UserManagement users, AuditTrail audit, Clock clock, MessageSource messages,
			FormattingConversionService mvcConversionService, ContentViewers viewers) {
		this.viewers = viewers;
		this.usage = usage;
		this.messages = messages;
		this.queries = queries;
		this.library = library;
		this.files = files;
		this.reference = reference;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
		this.conversion = mvcConversionService;
	}

	private ContentViewer viewer(Authentication user) {
		return this.viewers.of(user.getName(), Policy.roles(user));
	}

	private void choices(Model model) {
		model.addAttribute("kinds", ContentKind.values());
		model.addAttribute("categories", NeedCategory.values());
		model.addAttribute("stages", AdoptionStage.values());
		model.addAttribute("channels", ConsentChannel.values());
		model.addAttribute("statuses", ContentStatus.values());
		model.addAttribute("areas", this.reference.therapeuticAreas());
		model.addAttribute("products", this.reference.products());
		model.addAttribute("maxFileMb", this.files.maxSize().toMegabytes());
		model.addAttribute("languages", org.openpharma.crm.content.ContentDraft.LANGUAGES);
	}

	@GetMapping("/content")
	String list(@ModelAttribute("filter") LibraryParams params, Authentication user, Model model) {
		ContentViewer viewer = viewer(user);
		choices(model);
		model.addAttribute("results", this.queries.search(params.toFilter(), viewer, params.safePage()));
		model.addAttribute("base", params.toUrl());
		model.addAttribute("expiringDays", ContentQueries.EXPIRING_DAYS);
		if (Policy.allows(user, Capability.REVIEW_CONTENT)) {
			List<VersionRow> awaiting = this.queries.awaitingReview(viewer, 20);
			model.addAttribute("awaiting", awaiting);
			model.addAttribute("authorNames", this.users.displayNamesOf(awaiting.stream().map(VersionRow::author).toList()));
		}
		return "content/list";
	}

	@GetMapping("/content/{id}")
	String item(@PathVariable long id, @RequestParam(name = "version", required = false) Long versionId,
			Authentication user, Model model, java.util.Locale locale) {
		ContentViewer viewer = viewer(user);
		Item item = this.queries.item(id, viewer);
		VersionRow shown = (versionId == null) ? item.latest()
				: item.versions().stream().filter(v -> v.versionId() == versionId).findFirst()
					.orElseThrow(() -> new NotFoundException("CONTENT_VERSION", versionId));
		VersionDetail detail = this.queries.version(id, shown.versionId(), viewer);
		boolean owner = viewer.authors(item.ownerDepartment());
		model.addAttribute("item", item);
		model.addAttribute("detail", detail);
		model.addAttribute("file", (detail.fileId() != null) ? this.files.find(detail.fileId()).orElse(null) : null);
		model.addAttribute("owner", owner);
		model.addAttribute("openSlots", ContentReviews.open(shown.status(), shown.audience(), shown.author(),
				detail.currentRound(), viewer.username(), viewer.roles()));
		model.addAttribute("mayWithdraw", !shown.status().ended()
				&& (owner || (Policy.allows(user, Capability.REVIEW_CONTENT) && viewer.sees(shown.audience()))));
		model.addAttribute("mayStartVersion", owner && !item.hasOpenVersion());
		model.addAttribute("history", this.audit.actions("CONTENT_VERSION", shown.versionId(), 30));
		ContentUsage.Usage figures = this.usage.of(id, shown.areaId());
		model.addAttribute("usage", figures);
		model.addAttribute("channelSummary", figures.usesByChannel().entrySet().stream()
			.map(e -> this.messages.getMessage("content.usage.byChannel",
					new Object[] { this.messages.getMessage("consent.channel." + e.getKey(), null, locale), e.getValue() },
					locale))
			.collect(java.util.stream.Collectors.joining(this.messages.getMessage("content.usage.separator", null, locale))));
		model.addAttribute("movePercentages", ContentUsage.percentages(figures.stageMoves()));
		model.addAttribute("windowDays", ContentUsage.WINDOW.toDays());
		return "content/item";
	}

	@GetMapping("/content/new")
	@Allowed(Capability.AUTHOR_CONTENT)
	String initCreationForm(Model model) {
		model.addAttribute("form", ContentForm.start(LocalDate.ofInstant(this.clock.instant(), Japan.ZONE)));
		return formView(model, null, null);
	}

	@PostMapping("/content/new")
	@Allowed(Capability.AUTHOR_CONTENT)
	String processCreationForm(@ModelAttribute("form") ContentForm form, BindingResult result,
			@RequestParam(name = "file", required = false) MultipartFile file, Authentication user, Model model,
			RedirectAttributes redirect) {
		BindingResult shown = Forms.show(model, "form", form, result, this.conversion);
		if (shown.hasErrors()) {
			return formView(model, null, null);
		}
		try {
			long itemId = this.library.create(form.toDraft(), upload(file), viewer(user));
			redirect.addFlashAttribute("flash", "content.created");
			return "redirect:/content/" + itemId;
		}
		catch (ValidationException ex) {
			reject(shown, model, ex);
		}
		catch (DomainException ex) {
			shown.reject(ex.getCode(), ex.getArguments(), ex.getCode());
		}
		return formView(model, null, null);
	}

	@GetMapping("/content/{id}/versions/{versionId}/edit")
	@Allowed(Capability.AUTHOR_CONTENT)
	String initUpdateForm(@PathVariable long id, @PathVariable long versionId, Authentication user, Model model) {
		VersionDetail detail = this.queries.version(id, versionId, viewer(user));
		model.addAttribute("form", ContentForm.of(detail));
		return formView(model, id, detail);
	}

	@PostMapping("/content/{id}/versions/{versionId}/edit")
	@Allowed(Capability.AUTHOR_CONTENT)
	String processUpdateForm(@PathVariable long id, @PathVariable long versionId,
			@ModelAttribute("form") ContentForm form, BindingResult result,
			@RequestParam(name = "file", required = false) MultipartFile file, Authentication user, Model model,
			RedirectAttributes redirect) {
		ContentViewer viewer = viewer(user);
		VersionDetail detail = this.queries.version(id, versionId, viewer);
		BindingResult shown = Forms.show(model, "form", form, result, this.conversion);
		if (form.version() == null) {
			shown.reject("form.tampered");
		}
		if (shown.hasErrors()) {
			return formView(model, id, detail);
		}
		try {
			this.library.updateDraft(versionId, form.version(), form.toDraft(), upload(file), viewer);
			redirect.addFlashAttribute("flash", "content.updated");
			return "redirect:/content/" + id + "?version=" + versionId;
		}
		catch (ValidationException ex) {
			reject(shown, model, ex);
		}
		catch (StaleVersionException ex) {
			shown.reject("content.conflict");
		}
		catch (DomainException ex) {
			shown.reject(ex.getCode(), ex.getArguments(), ex.getCode());
		}
		return formView(model, id, detail);
	}

	private String formView(Model model, Long itemId, VersionDetail detail) {
		choices(model);
		model.addAttribute("itemId", itemId);
		model.addAttribute("detail", detail);
		model.addAttribute("currentFile", (detail != null && detail.fileId() != null)
				? this.files.find(detail.fileId()).orElse(null) : null);
		return "content/form";
	}

	@PostMapping("/content/{id}/versions/{versionId}/submit")
	@Allowed(Capability.AUTHOR_CONTENT)
	String submit(@PathVariable long id, @PathVariable long versionId, @RequestParam long version,
			Authentication user, RedirectAttributes redirect) {
		return act(id, versionId, redirect, "content.submitted",
				() -> this.library.submit(versionId, version, viewer(user)));
	}

	@PostMapping("/content/{id}/versions/{versionId}/review")
	@Allowed(Capability.REVIEW_CONTENT)
	String review(@PathVariable long id, @PathVariable long versionId, @RequestParam long version,
			@RequestParam ReviewSlot slot, @RequestParam ReviewDecision decision,
			@RequestParam(name = "comment", defaultValue = "") String comment, Authentication user,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("reviewComment", comment);
		String done = (decision == ReviewDecision.APPROVED) ? "content.reviewed.approved" : "content.reviewed.returned";
		return act(id, versionId, redirect, done,
				() -> this.library.review(versionId, version, slot, decision, comment, viewer(user)));
	}

	@PostMapping("/content/{id}/versions/{versionId}/withdraw")
	String withdraw(@PathVariable long id, @PathVariable long versionId, @RequestParam long version,
			@RequestParam(name = "reason", defaultValue = "") String reason, Authentication user,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("withdrawReason", reason);
		return act(id, versionId, redirect, "content.withdrawn",
				() -> this.library.withdraw(versionId, version, reason, viewer(user)));
	}

	@PostMapping("/content/{id}/versions")
	@Allowed(Capability.AUTHOR_CONTENT)
	String newVersion(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
		try {
			long versionId = this.library.newVersion(id, viewer(user));
			redirect.addFlashAttribute("flash", "content.versionStarted");
			return "redirect:/content/" + id + "/versions/" + versionId + "/edit";
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getCode());
			return "redirect:/content/" + id;
		}
	}

	/** The file of a version the user may see: served with the type read from its bytes, shown in the page. */
	@GetMapping("/content/{id}/versions/{versionId}/file")
	ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable long versionId, Authentication user) {
		VersionDetail detail = this.queries.version(id, versionId, viewer(user));
		if (detail.fileId() == null) {
			throw new NotFoundException("CONTENT_FILE", versionId);
		}
		ContentFiles.StoredFile file = this.files.find(detail.fileId()).orElseThrow();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.mediaType()))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
				.filename(file.originalName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
			// Shown inside the item page (same origin) and nowhere else; nothing in it may run.
			.header("X-Frame-Options", "SAMEORIGIN")
			.header("Content-Security-Policy", "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline';"
					+ " frame-ancestors 'self'; sandbox")
			.body(this.files.bytes(detail.fileId()));
	}

	/** Runs a move of a version; field errors and refusals come back to the item page as messages. */
	private String act(long id, long versionId, RedirectAttributes redirect, String done, Runnable move) {
		try {
			move.run();
			redirect.addFlashAttribute("flash", done);
		}
		catch (ValidationException ex) {
			FieldViolation first = ex.getViolations().get(0);
			redirect.addFlashAttribute("actionError", first.code());
			redirect.addFlashAttribute("actionField", first.field());
			redirect.addFlashAttribute("actionArgs", first.arguments());
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("flashWarning", "content.conflict");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("actionError", ex.getCode());
			redirect.addFlashAttribute("actionField", ex.getField());
			redirect.addFlashAttribute("actionArgs", ex.getArguments());
		}
		return "redirect:/content/" + id + "?version=" + versionId;
	}

	private static Upload upload(MultipartFile file) {
		if (file == null || file.isEmpty()) {
			return null;
		}
		try {
			return Upload.of(file.getOriginalFilename(), file.getBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Field errors on the form; the file is not part of the form record, so its error goes beside its input. */
	private static void reject(BindingResult result, Model model, ValidationException ex) {
		List<FieldViolation> others = ex.getViolations().stream().filter(v -> !"file".equals(v.field())).toList();
		if (!others.isEmpty()) {
			Forms.reject(result, new ValidationException(others));
		}
		ex.getViolations().stream().filter(v -> "file".equals(v.field())).findFirst()
			.ifPresent(v -> model.addAttribute("fileError", v));
	}

}
