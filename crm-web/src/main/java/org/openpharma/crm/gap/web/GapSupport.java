package org.openpharma.crm.gap.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.openpharma.crm.gap.GapKey;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.reference.ReferenceData.Item;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.openpharma.crm.user.WorkScope;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the gap screens share: names of areas and products, a group in a URL and back, the reader's view. */
@Component
class GapSupport {

	/**
	 * Where an item of the content library is shown: the library's item page (the screens of the library come with
	 * their own change; this is the one place that names its address).
	 */
	static final String ITEM_PAGE = "/content/";

	/** Adoption stages in the order of the ladder, and "no stage" last. */
	static final List<String> STAGES = List.of("UNAWARE", "AWARE", "INTERESTED", "TRIAL", "ADOPTER", "ADVOCATE", "NONE");

	private final ReferenceData reference;

	private final UserManagement users;

	GapSupport(ReferenceData reference, UserManagement users) {
		this.reference = reference;
		this.users = users;
	}

	/** Whether this reader sees medical items (and which item answers a group for medical affairs). */
	static boolean seesMedical(Authentication user) {
		return Policy.allows(user, Capability.READ_MEDICAL_CONTENT);
	}

	/** The prefectures whose HCPs this user may list; null for national users. */
	Set<Integer> scope(String username) {
		WorkScope scope = this.users.scopeOf(username);
		return scope.national() ? null : scope.prefectures();
	}

	void names(Model model, Locale locale) {
		model.addAttribute("areas", this.reference.therapeuticAreas());
		model.addAttribute("products", this.reference.products());
		model.addAttribute("categories", NeedCategory.values());
		model.addAttribute("areaNames", areaNames(locale));
		model.addAttribute("productNames", productNames(locale));
		model.addAttribute("stageOrder", STAGES);
		model.addAttribute("itemPage", ITEM_PAGE);
	}

	Map<String, String> areaNames(Locale locale) {
		return names(this.reference.therapeuticAreas(), locale);
	}

	Map<String, String> productNames(Locale locale) {
		return names(this.reference.products(), locale);
	}

	private static Map<String, String> names(List<Item> items, Locale locale) {
		Map<String, String> names = new HashMap<>();
		items.forEach(i -> names.put(i.code(), i.name(locale)));
		return names;
	}

	/** The group as a query string (without "?"). */
	static String query(GapKey key) {
		return "ta=" + key.therapeuticAreaId() + "&product=" + key.productId() + "&category=" + key.category().name()
				+ "&topic=" + URLEncoder.encode(key.topicKey(), StandardCharsets.UTF_8);
	}

	/** The group named by request parameters, or null when one is missing or wrong. */
	static GapKey key(String ta, String product, String category, String topic) {
		try {
			if (topic == null || topic.isBlank() || topic.length() > 400) {
				return null;
			}
			return new GapKey(Long.parseLong(ta.trim()), (product == null || product.isBlank()) ? 0
					: Long.parseLong(product.trim()), NeedCategory.valueOf(category), topic);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** A page number as typed; anything that is not one is the first page. */
	static int page(String page) {
		try {
			return Math.max(0, Integer.parseInt(page.trim()));
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

}
