package org.openpharma.crm.admin;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;

import org.openpharma.crm.reference.ReferenceData.Item;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.user.AppUser;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * User administration: list, create, assign display name/department/roles/territories, reset a
 * password, enable or disable. ADMIN only (here and in the URL rules); every change is audited by
 * {@link UserManagement}.
 */
@Controller
@RequestMapping("/admin/users")
@Allowed(Capability.ADMINISTER)
class UserAdminController {

	static final int PAGE_SIZE = 50;

	private static final String LIST_VIEW = "admin/users/list";

	private static final String FORM_VIEW = "admin/users/form";

	private final UserManagement users;

	private final ReferenceData reference;

	private final MessageSource messages;

	UserAdminController(UserManagement users, ReferenceData reference, MessageSource messages) {
		this.users = users;
		this.reference = reference;
		this.messages = messages;
	}

	@GetMapping
	String list(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "page", required = false, defaultValue = "0") String page, Model model,
			Locale locale) {
		String query = (q == null) ? "" : q.strip();
		if (query.length() > 100) {
			query = query.substring(0, 100);
		}
		String needle = query.toLowerCase(Locale.ROOT);
		List<AppUser> matching = this.users.all()
			.stream()
			.filter(u -> needle.isEmpty() || u.getUsername().contains(needle)
					|| u.getDisplayName().toLowerCase(Locale.ROOT).contains(needle))
			.toList();
		int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.max(0, Math.min(parsePage(page), pages - 1));
		List<AppUser> slice = matching.subList(current * PAGE_SIZE,
				Math.min(matching.size(), (current + 1) * PAGE_SIZE));
		Names names = names(locale);
		model.addAttribute("q", query);
		model.addAttribute("results", new SearchPage<>(slice.stream().map(u -> row(u, names)).toList(), current,
				PAGE_SIZE, matching.size(), false));
		UriComponentsBuilder base = UriComponentsBuilder.fromPath("/admin/users");
		if (!query.isEmpty()) {
			base.queryParam("q", query);
		}
		model.addAttribute("base", base.encode().build().toUriString());
		return LIST_VIEW;
	}

	@GetMapping("/new")
	String initCreationForm(Model model) {
		model.addAttribute("form", UserForm.empty());
		addChoices(model);
		return FORM_VIEW;
	}

	@PostMapping("/new")
	String processCreationForm(@Valid @ModelAttribute("form") UserForm form, BindingResult result, Principal admin,
			Model model, RedirectAttributes redirect) {
		addChoices(model);
		if (!form.passwordsMatch()) {
			result.rejectValue("passwordConfirmation", "admin.user.password.mismatch");
		}
		if (result.hasErrors()) {
			return FORM_VIEW;
		}
		try {
			AppUser user = this.users.create(form.username(), form.displayName(), form.password(),
					form.departmentCode(), form.roleSet(), form.territorySet(), admin.getName());
			redirect.addFlashAttribute("flash", "admin.user.created");
			redirect.addFlashAttribute("flashArgs", new Object[] { user.getUsername() });
			return "redirect:/admin/users";
		}
		catch (ValidationException ex) {
			Forms.reject(result, ex);
			return FORM_VIEW;
		}
		catch (DomainException ex) {
			reject(result, ex);
			return FORM_VIEW;
		}
		catch (DataIntegrityViolationException ex) {
			// Two admins creating the same user name at once (the unique key decides), or a territory
			// deleted meanwhile: either way nothing was saved.
			if (this.users.findByUsername(Objects.toString(form.username(), "").strip()).isPresent()) {
				result.rejectValue("username", "user.username.duplicate");
			}
			else {
				result.reject("admin.user.saveFailed");
			}
			return FORM_VIEW;
		}
	}

	/** A user's address leads to the edit page; an unknown or malformed id is a 404. */
	@GetMapping("/{id}")
	String show(@PathVariable long id) {
		return "redirect:/admin/users/" + this.users.get(id).getId() + "/edit";
	}

	@GetMapping("/{id}/edit")
	String initUpdateForm(@PathVariable long id, Model model) {
		AppUser user = this.users.get(id);
		model.addAttribute("form", UserForm.of(user));
		return editPage(model, user, PasswordForm.forVersion(user.getVersion()));
	}

	@PostMapping("/{id}/edit")
	String processUpdateForm(@PathVariable long id, @Valid @ModelAttribute("form") UserForm form,
			BindingResult result, Principal admin, Model model, Locale locale, RedirectAttributes redirect) {
		AppUser user = this.users.get(id);
		if (form.version() == null) {
			result.reject("form.tampered");
		}
		if (result.hasErrors()) {
			return editPage(model, user, PasswordForm.forVersion(user.getVersion()));
		}
		try {
			this.users.assign(id, form.version(), form.displayName(), form.departmentCode(), form.roleSet(),
					form.territorySet(), admin.getName());
			redirect.addFlashAttribute("flash", "admin.user.updated");
			redirect.addFlashAttribute("flashArgs", new Object[] { user.getUsername() });
			return "redirect:/admin/users";
		}
		catch (ValidationException ex) {
			Forms.reject(result, ex);
			return editPage(model, user, PasswordForm.forVersion(user.getVersion()));
		}
		catch (StaleVersionException ex) {
			AppUser current = this.users.get(id);
			model.addAttribute("conflicts", conflicts(form, current, locale));
			// The admin's entries stay on screen with the current version, so saving again applies them.
			replaceForm(model, "form", form.withVersion(current.getVersion()), "admin.user.conflict");
			return editPage(model, current, PasswordForm.forVersion(current.getVersion()));
		}
		catch (DomainException ex) {
			reject(result, ex);
			return editPage(model, user, PasswordForm.forVersion(user.getVersion()));
		}
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable long id, @Valid @ModelAttribute("passwordForm") PasswordForm form,
			BindingResult result, Principal admin, Model model, RedirectAttributes redirect) {
		AppUser user = this.users.get(id);
		model.addAttribute("form", UserForm.of(user));
		if (form.version() == null) {
			result.reject("form.tampered");
		}
		if (!form.passwordsMatch()) {
			result.rejectValue("passwordConfirmation", "admin.user.password.mismatch");
		}
		if (result.hasErrors()) {
			return editPage(model, user, null);
		}
		try {
			this.users.resetPassword(id, form.version(), form.password(), admin.getName());
			redirect.addFlashAttribute("flash", "admin.user.passwordReset");
			redirect.addFlashAttribute("flashArgs", new Object[] { user.getUsername() });
			return "redirect:/admin/users/" + id + "/edit";
		}
		catch (ValidationException ex) {
			Forms.reject(result, ex);
			return editPage(model, user, null);
		}
		catch (StaleVersionException ex) {
			AppUser current = this.users.get(id);
			model.addAttribute("form", UserForm.of(current));
			replaceForm(model, "passwordForm", PasswordForm.forVersion(current.getVersion()), "admin.user.stale");
			return editPage(model, current, null);
		}
	}

	@PostMapping("/{id}/enabled")
	String setEnabled(@PathVariable long id, @RequestParam("enabled") boolean enabled,
			@RequestParam("version") long version, Principal admin, RedirectAttributes redirect) {
		AppUser user = this.users.get(id);
		try {
			this.users.setEnabled(id, version, enabled, admin.getName());
			redirect.addFlashAttribute("flash", enabled ? "admin.user.enabledNow" : "admin.user.disabledNow");
			redirect.addFlashAttribute("flashArgs", new Object[] { user.getUsername() });
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getViolations().get(0).code());
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("flashWarning", "admin.user.stale");
		}
		return "redirect:/admin/users/" + id + "/edit";
	}

	/** The edit page: the assignment form ("form" already in the model) and the account actions. */
	private String editPage(Model model, AppUser user, PasswordForm passwordForm) {
		if (passwordForm != null) {
			model.addAttribute("passwordForm", passwordForm);
		}
		model.addAttribute("userId", user.getId());
		model.addAttribute("user", row(user, names(LocaleContextHolder.getLocale())));
		addChoices(model);
		return FORM_VIEW;
	}

	private void addChoices(Model model) {
		model.addAttribute("departments", this.reference.departments());
		model.addAttribute("territories", this.reference.territories());
		model.addAttribute("allRoles", Role.values());
		model.addAttribute("passwordMin", UserManagement.PASSWORD_MIN);
	}

	/**
	 * Puts a new form object in the model with a fresh binding result holding one global error; the bound
	 * result would otherwise still render the submitted (stale) values.
	 */
	private static void replaceForm(Model model, String name, Object form, String globalCode) {
		BindingResult fresh = new BeanPropertyBindingResult(form, name);
		fresh.reject(globalCode);
		model.addAttribute(name, form);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, fresh);
	}

	private static void reject(BindingResult result, DomainException ex) {
		if (ex.getField() != null && result.getFieldType(ex.getField()) != null) {
			result.rejectValue(ex.getField(), ex.getCode(), ex.getArguments(), ex.getCode());
		}
		else {
			result.reject(ex.getCode(), ex.getArguments(), ex.getCode());
		}
	}

	private UserRow row(AppUser user, Names names) {
		return new UserRow(user.getId(), user.getUsername(), user.getDisplayName(),
				names.department(user.getDepartmentCode()), List.copyOf(user.getRoles()),
				names.territories(user.getTerritoryIds()), user.isEnabled(), user.isSystemUser(), user.getFailedAttempts(),
				user.getVersion());
	}

	private Names names(Locale locale) {
		return new Names(this.reference.departments().stream().collect(Collectors.toMap(Item::code, Function.identity())),
				this.reference.territories().stream().collect(Collectors.toMap(Item::code, Function.identity())),
				locale);
	}

	/** Fields where the stored user differs from the admin's entries, with the stored value for display. */
	private List<Conflict> conflicts(UserForm form, AppUser current, Locale locale) {
		Names names = names(locale);
		List<Conflict> conflicts = new ArrayList<>();
		if (!Objects.equals(current.getDisplayName(), Objects.toString(form.displayName(), "").strip())) {
			conflicts.add(new Conflict("displayName", current.getDisplayName()));
		}
		if (!Objects.equals(current.getDepartmentCode(), form.departmentCode())) {
			conflicts.add(new Conflict("department", names.department(current.getDepartmentCode())));
		}
		List<String> submittedRoles = form.roles().stream().sorted().toList();
		if (!submittedRoles.equals(current.getRoles().stream().map(Enum::name).sorted().toList())) {
			conflicts.add(new Conflict("roles", current.getRoles()
				.stream()
				.map(r -> this.messages.getMessage("admin.role." + r.name(), null, r.name(), locale))
				.collect(Collectors.joining(", "))));
		}
		List<String> submittedTerritories = form.territoryIds().stream().map(String::strip).sorted().toList();
		if (!submittedTerritories
			.equals(current.getTerritoryIds().stream().map(String::valueOf).sorted().toList())) {
			conflicts.add(new Conflict("territories", String.join(", ", names.territories(current.getTerritoryIds()))));
		}
		return conflicts;
	}

	private static int parsePage(String page) {
		try {
			return Integer.parseInt(page);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** One field the other change touched, with its stored value; the template labels it by key. */
	record Conflict(String field, String theirs) {
	}

	/** Department and territory names for one language. */
	private record Names(Map<String, Item> departments, Map<String, Item> territories, Locale locale) {

		String department(String code) {
			Item item = this.departments.get(code);
			return (item != null) ? item.name(this.locale) : code;
		}

		List<String> territories(Collection<Long> ids) {
			return ids.stream()
				.map(id -> this.territories.get(String.valueOf(id)))
				.filter(Objects::nonNull)
				.sorted((a, b) -> a.group().compareTo(b.group()))
				.map(item -> item.name(this.locale))
				.toList();
		}

	}

}
