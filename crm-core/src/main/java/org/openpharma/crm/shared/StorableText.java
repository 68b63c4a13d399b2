package org.openpharma.crm.shared;

/**
 * Whether a text can be stored as PostgreSQL text: no NUL character (PostgreSQL refuses it and fails the
 * whole statement) and no half of a UTF-16 surrogate pair (it has no UTF-8 form; the driver would write
 * a '?' in its place). Checked where outside systems send text, so that one bad item is reported as such.
 */
public final class StorableText {

	private StorableText() {
	}

	/** True for null (nothing to store) and for text PostgreSQL stores exactly as given. */
	public static boolean isStorable(String text) {
		if (text == null) {
			return true;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\u0000') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return false;
			}
			if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
