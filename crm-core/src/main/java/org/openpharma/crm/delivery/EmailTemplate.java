package org.openpharma.crm.delivery;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An approved e-mail template's text with its slots: {@code {{hcp.name}}} and the others of {@link #SLOTS}, filled
 * from the record when the mail is queued. Nothing else in the text changes: what was approved is what is sent.
 * A template with a slot it does not know cannot be sent.
 */
public final class EmailTemplate {

	public static final String HCP_NAME = "hcp.name";

	public static final String HCP_INSTITUTION = "hcp.institution";

	public static final String SENDER_NAME = "sender.name";

	public static final String SENDER_DEPARTMENT = "sender.department";

	public static final String CONTENT_LINKS = "content.links";

	public static final String UNSUBSCRIBE_LINK = "unsubscribe.link";

	/** The approved slots. */
	public static final Set<String> SLOTS = Set.of(HCP_NAME, HCP_INSTITUTION, SENDER_NAME, SENDER_DEPARTMENT,
			CONTENT_LINKS, UNSUBSCRIBE_LINK);

	private static final Pattern SLOT = Pattern.compile("\\{\\{\\s*([a-zA-Z.]+)\\s*\\}\\}");

	private EmailTemplate() {
	}

	/** The slots the text uses that are not approved ones; empty when it can be sent. */
	public static Set<String> unknownSlots(String text) {
		Set<String> unknown = new LinkedHashSet<>();
		if (text == null) {
			return unknown;
		}
		Matcher m = SLOT.matcher(text);
		while (m.find()) {
			if (!SLOTS.contains(m.group(1))) {
				unknown.add(m.group(1));
			}
		}
		return unknown;
	}

	/**
	 * The text with every slot filled. The content links and the unsubscribe link are always in the mail: where the
	 * template has no slot for them they are added at the end.
	 */
	public static String render(String text, Map<String, String> values) {
		String source = (text != null) ? text : "";
		Matcher m = SLOT.matcher(source);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = values.getOrDefault(m.group(1), "");
			m.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		m.appendTail(out);
		String rendered = out.toString();
		if (!uses(source, CONTENT_LINKS)) {
			rendered = rendered.stripTrailing() + "\n\n" + values.getOrDefault(CONTENT_LINKS, "");
		}
		if (!uses(source, UNSUBSCRIBE_LINK)) {
			rendered = rendered.stripTrailing() + "\n\n" + values.getOrDefault(UNSUBSCRIBE_LINK, "");
		}
		return rendered.stripTrailing() + "\n";
	}

	/** A one-line subject: the template's title with its slots filled, line breaks removed. */
	public static String subject(String title, Map<String, String> values) {
		Matcher m = SLOT.matcher((title != null) ? title : "");
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
		}
		m.appendTail(out);
		return out.toString().replaceAll("[\\r\\n]+", " ").strip();
	}

	private static boolean uses(String text, String slot) {
		Matcher m = SLOT.matcher(text);
		while (m.find()) {
			if (m.group(1).equals(slot)) {
				return true;
			}
		}
		return false;
	}

}
