package org.openpharma.crm.content.web;

import java.util.Arrays;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentQueries;
import org.openpharma.crm.content.ContentStatus;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.stage.AdoptionStage;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The library's filters as typed in the address bar: plain strings, so binding never fails; a value that is not one
 * of the choices is ignored.
 */
record LibraryParams(String area, String product, String category, String stage, String channel, String status,
		String soon, String q, Integer page) {

	ContentQueries.Filter toFilter() {
		return new ContentQueries.Filter(id(this.area), id(this.product), choice(this.category, NeedCategory.values()),
				choice(this.stage, AdoptionStage.values()), choice(this.channel, ConsentChannel.values()),
				choice(this.status, ContentStatus.values()), "true".equals(this.soon),
				(this.q != null && !this.q.isBlank()) ? this.q.strip() : null);
	}

	int safePage() {
		return (this.page != null && this.page > 0) ? this.page : 0;
	}

	/** The list's address with these filters, without the page (the pagination adds it). */
	String toUrl() {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/content");
		add(url, "area", this.area);
		add(url, "product", this.product);
		add(url, "category", this.category);
		add(url, "stage", this.stage);
		add(url, "channel", this.channel);
		add(url, "status", this.status);
		add(url, "soon", this.soon);
		add(url, "q", this.q);
		return url.encode().build().toUriString();
	}

	private static void add(UriComponentsBuilder url, String name, String value) {
		if (value != null && !value.isBlank()) {
			url.queryParam(name, value);
		}
	}

	private static Long id(String value) {
		try {
			return (value == null || value.isBlank()) ? null : Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String choice(String value, Enum<?>[] choices) {
		return (value != null && Arrays.stream(choices).anyMatch(c -> c.name().equals(value))) ? value : null;
	}

}
