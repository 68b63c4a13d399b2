package org.openpharma.crm.imports;

import java.util.Arrays;
import java.util.List;

/**
 * A message code with its arguments, resolved in the reader's language when shown. Stored in one
 * column (import_job.failure_code, import_row_error.message_code) as {@code code|arg1|arg2}, because
 * V1 has no column for arguments; codes never contain '|' and arguments have it replaced.
 */
public record ImportMessage(String code, List<String> args) {

	private static final String SEPARATOR = "|";

	public ImportMessage {
		args = List.copyOf(args);
	}

	public static ImportMessage of(String code, Object... args) {
		return new ImportMessage(code,
				Arrays.stream(args).map(a -> String.valueOf(a).replace(SEPARATOR, "/")).toList());
	}

	/** The arguments for {@code MessageSource} / {@code #messages.msgWithParams}. */
	public Object[] arguments() {
		return this.args.toArray();
	}

	public String encode() {
		return this.args.isEmpty() ? this.code : this.code + SEPARATOR + String.join(SEPARATOR, this.args);
	}

	public static ImportMessage decode(String stored) {
		if (stored == null) {
			return null;
		}
		String[] parts = stored.split("\\|", -1);
		return new ImportMessage(parts[0], List.of(parts).subList(1, parts.length));
	}

}
