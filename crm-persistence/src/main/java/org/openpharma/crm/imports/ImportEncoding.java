package org.openpharma.crm.imports;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The character encoding of an uploaded file: detected (strict UTF-8, else Windows-31J) or chosen by
 * the admin. Windows-31J is Microsoft's Shift_JIS, which Japanese registries and Excel write.
 */
public enum ImportEncoding {

	AUTO("AUTO", null), UTF_8("UTF-8", StandardCharsets.UTF_8), WINDOWS_31J("Windows-31J",
			Charset.forName("Windows-31J"));

	private final String label;

	private final Charset charset;

	ImportEncoding(String label, Charset charset) {
		this.label = label;
		this.charset = charset;
	}

	/** The value stored in import_job.encoding. */
	public String label() {
		return this.label;
	}

	/** The charset to decode with; null for {@link #AUTO}. */
	public Charset charset() {
		return this.charset;
	}

	public static ImportEncoding fromLabel(String label) {
		for (ImportEncoding encoding : values()) {
			if (encoding.label.equalsIgnoreCase(label) || encoding.name().equalsIgnoreCase(label)) {
				return encoding;
			}
		}
		throw new IllegalArgumentException("Unknown encoding " + label);
	}

}
