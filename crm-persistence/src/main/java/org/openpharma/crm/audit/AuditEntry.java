package org.openpharma.crm.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** One audit row, with the fields whose value changed. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, Map<String, Object> before,
		Map<String, Object> after) {

	/** Changed fields (ignoring the version counter) as (field, before, after). */
	public List<Change> changes() {
		List<Change> changes = new ArrayList<>();
		TreeSet<String> fields = new TreeSet<>(this.before.keySet());
		fields.addAll(this.after.keySet());
		for (String field : fields) {
			if ("version".equals(field)) {
				continue;
			}
			Object was = this.before.get(field);
			Object now = this.after.get(field);
			if (!Objects.equals(was, now)) {
				changes.add(new Change(field, was, now));
			}
		}
		return changes;
	}

	/** One field's change. */
	public record Change(String field, Object before, Object after) {
	}

}
