package org.openpharma.crm.imports.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.openpharma.crm.imports.ImportEncoding;
import org.openpharma.crm.imports.ImportJob;
import org.openpharma.crm.imports.ImportKind;
import org.openpharma.crm.imports.ImportManagement;
import org.openpharma.crm.imports.ImportRowError;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.CsvExport;
import org.openpharma.crm.user.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CSV import of HCP and HCO master data (ADMIN): upload a file, follow the job's progress (the page
 * polls a fragment with htmx until the job is done) and read or download the rows that failed.
 */
@Controller
@RequestMapping("/admin/imports")
@Allowed(Capability.ADMINISTER)
class ImportController {

	private static final Logger log = LoggerFactory.getLogger(ImportController.class);

	/** Row errors shown on the page; all of them are in the CSV download. */
	static final int ERRORS_SHOWN = 500;

	static final int RECENT_JOBS = 20;

	private static final String LIST = "redirect:/admin/imports";

	private final ImportManagement imports;

	private final MessageSource messages;

	ImportController(ImportManagement imports, MessageSource messages) {
		this.imports = imports;
		this.messages = messages;
	}

	@ModelAttribute
	void common(Model model) {
		model.addAttribute("zone", Japan.ZONE);
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("jobs", this.imports.recent(RECENT_JOBS));
		model.addAttribute("kinds", ImportKind.values());
		model.addAttribute("encodings", ImportEncoding.values());
		return "imports/list";
	}

	@PostMapping
	String upload(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(name = "kind", defaultValue = "HCP") String kind,
			@RequestParam(name = "encoding", defaultValue = "AUTO") String encoding, Principal user,
			RedirectAttributes redirect) {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("flashWarning", "import.upload.empty");
			return LIST;
		}
		ImportKind importKind;
		ImportEncoding importEncoding;
		try {
			importKind = ImportKind.valueOf(kind);
			importEncoding = ImportEncoding.valueOf(encoding);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("flashWarning", "import.upload.invalid");
			return LIST;
		}
		Path stored;
		try {
			stored = store(file);
		}
		catch (IOException ex) {
			log.warn("Could not store the uploaded import file {}", file.getOriginalFilename(), ex);
			redirect.addFlashAttribute("flashWarning", "import.upload.failed");
			return LIST;
		}
		ImportJob job = this.imports.submit(importKind, importEncoding, file.getOriginalFilename(), stored,
				user.getName());
		redirect.addFlashAttribute("flash", "import.started");
		return "redirect:/admin/imports/" + job.id();
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		addJob(id, model);
		return "imports/job";
	}

	/** The part of the job page that htmx polls while the job runs. */
	@GetMapping("/{id}/progress")
	String progress(@PathVariable long id, Model model) {
		addJob(id, model);
		return "imports/job :: progress";
	}

	/** Every row error of the job, with the messages in the admin's language. */
	@GetMapping("/{id}/errors.csv")
	void errors(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
		this.imports.get(id);
		String[] header = List.of("import.error.row", "import.error.field", "import.error.message", "import.error.value")
			.stream()
			.map(code -> this.messages.getMessage(code, null, locale))
			.toArray(String[]::new);
		// The raw value is whatever the uploaded file held: the writer neutralises formulas in it.
		try (CsvExport csv = CsvExport.download(response, "import-" + id + "-errors.csv", header)) {
			this.imports.forEachError(id,
					error -> csv.row(error.rowNumber(), error.field(), message(error, locale), error.rawValue()));
		}
	}

	private void addJob(long id, Model model) {
		ImportJob job = this.imports.get(id);
		model.addAttribute("job", job);
		model.addAttribute("errors", this.imports.errors(id, ERRORS_SHOWN));
		model.addAttribute("errorCount", (job.failedRows() > 0) ? this.imports.errorCount(id) : 0L);
		model.addAttribute("errorsShown", ERRORS_SHOWN);
	}

	private String message(ImportRowError error, Locale locale) {
		return this.messages.getMessage(error.message().code(), error.message().arguments(), error.message().code(),
				locale);
	}

	/** The upload in a temp file only this process can read; the import job deletes it when done. */
	private Path store(MultipartFile file) throws IOException {
		Path path = this.imports.newUploadFile();
		try {
			file.transferTo(path);
			return path;
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(path);
			throw ex;
		}
	}

}
