package org.openpharma.crm.delivery.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.openpharma.crm.content.ContentFiles;
import org.openpharma.crm.content.ContentFiles.StoredFile;
import org.openpharma.crm.delivery.TrackedLinks;
import org.openpharma.crm.delivery.TrackedLinks.TrackedContent;
import org.openpharma.crm.delivery.TrackedLinks.UnsubscribeView;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Forms;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The pages an HCP opens from a mail, without signing in: the token in the path is the only credential (only its
 * SHA-256 is stored) and no HCP id is ever taken from the request. A token that is unknown, or whose content expired
 * or was withdrawn, gets one page saying the link is not valid (404), never a hint of which it was.
 */
@Controller
class TrackedLinkController {

	private final TrackedLinks links;

	private final ContentFiles files;

	TrackedLinkController(TrackedLinks links, ContentFiles files) {
		this.links = links;
		this.files = files;
	}

	/** Shows the content and records the view (a pull event on the HCP's timeline) in this request. */
	@GetMapping("/c/{token}")
	String show(@PathVariable String token, Model model, HttpServletResponse response) {
		Optional<TrackedContent> content = this.links.view(token);
		if (content.isEmpty()) {
			return invalid(response);
		}
		model.addAttribute("form", RatingForm.empty());
		return page(token, content.get(), model);
	}

	@GetMapping("/c/{token}/rated")
	String rated(@PathVariable String token, Model model, HttpServletResponse response) {
		Optional<TrackedContent> content = this.links.open(token);
		if (content.isEmpty()) {
			return invalid(response);
		}
		model.addAttribute("tracked", content.get());
		return "delivery/rated";
	}

	@PostMapping("/c/{token}/rating")
	String rate(@PathVariable String token, @ModelAttribute("form") RatingForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		Optional<TrackedContent> content = this.links.open(token);
		if (content.isEmpty()) {
			return invalid(response);
		}
		if (result.hasErrors()) {
			Forms.show(model, "form", (form != null) ? form : RatingForm.empty(), result, null);
			return page(token, content.get(), model);
		}
		try {
			this.links.rate(token, form.toRating(false));
		}
		catch (ValidationException ex) {
			Forms.reject(result, ex);
			return page(token, content.get(), model);
		}
		return "redirect:/c/" + token + "/rated";
	}

	/** The file, inline when a browser can show it; framed by the CRM's own pages only (SecurityConfiguration). */
	@GetMapping("/c/{token}/file")
	ResponseEntity<byte[]> file(@PathVariable String token) {
		Optional<StoredFile> file = this.links.open(token)
			.filter(c -> c.fileId() != null)
			.flatMap(c -> this.files.find(c.fileId()));
		if (file.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		StoredFile stored = file.get();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(stored.mediaType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					(stored.previewable() ? ContentDisposition.inline() : ContentDisposition.attachment())
						.filename(stored.originalName(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(this.files.bytes(stored.id()));
	}

	@GetMapping("/u/{token}")
	String unsubscribePage(@PathVariable String token, Model model, HttpServletResponse response) {
		Optional<UnsubscribeView> view = this.links.unsubscribeView(token);
		if (view.isEmpty()) {
			return invalid(response);
		}
		model.addAttribute("view", view.get());
		model.addAttribute("token", token);
		return "delivery/unsubscribe";
	}

	/**
	 * Withdraws at once. Also the one-click POST a mail client sends on its own (RFC 8058, body
	 * {@code List-Unsubscribe=One-Click}), which carries no CSRF token: the path is exempt (SecurityConfiguration).
	 */
	@PostMapping("/u/{token}")
	String unsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
		Optional<UnsubscribeView> view = this.links.unsubscribe(token);
		if (view.isEmpty()) {
			return invalid(response);
		}
		return "redirect:/u/" + token;
	}

	private String page(String token, TrackedContent content, Model model) {
		model.addAttribute("tracked", content);
		model.addAttribute("token", token);
		Optional<StoredFile> file = (content.fileId() != null) ? this.files.find(content.fileId()) : Optional.empty();
		model.addAttribute("file", file.orElse(null));
		model.addAttribute("fileIsImage", file.map(f -> f.mediaType().startsWith("image/")).orElse(false));
		return "delivery/tracked";
	}

	private static String invalid(HttpServletResponse response) {
		response.setStatus(HttpStatus.NOT_FOUND.value());
		return "delivery/link-invalid";
	}

}
