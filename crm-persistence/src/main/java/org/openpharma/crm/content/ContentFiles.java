package org.openpharma.crm.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.tika.Tika;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.SecretTokens;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The files of content versions: checked (size, a type read from the bytes by Apache Tika and on the list of types
 * the library takes), recorded in {@code content_file} and kept by the {@link ContentFileStore}.
 */
@Service
@Transactional(readOnly = true)
public class ContentFiles {

	/**
	 * What the library takes: documents, slides, images and video. No HTML or SVG: a file is served from our own
	 * origin, where a script inside it would run with the user's session.
	 */
	public static final Set<String> ACCEPTED_TYPES = Set.of("application/pdf",
			"application/vnd.openxmlformats-officedocument.presentationml.presentation",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			"application/vnd.ms-powerpoint", "application/msword", "image/png", "image/jpeg", "image/gif",
			"image/webp", "video/mp4", "text/plain");

	/** A stored file as the item page shows and serves it. */
	public record StoredFile(long id, String mediaType, long sizeBytes, String originalName, String sha256) {

		/** Whether a browser can show it inside the page. */
		public boolean previewable() {
			return this.mediaType.equals("application/pdf") || this.mediaType.startsWith("image/")
					|| this.mediaType.equals("video/mp4") || this.mediaType.equals("text/plain");
		}

	}

	private final Tika tika = new Tika();

	private final JdbcTemplate jdbc;

	private final ContentFileStore store;

	private final AuditTrail audit;

	private final Clock clock;

	private final DataSize maxSize;

	ContentFiles(JdbcTemplate jdbc, ContentFileStore store, AuditTrail audit, Clock clock,
			@Value("${crm.content.files.max-size:50MB}") DataSize maxSize) {
		this.jdbc = jdbc;
		this.store = store;
		this.audit = audit;
		this.clock = clock;
		this.maxSize = maxSize;
	}

	public DataSize maxSize() {
		return this.maxSize;
	}

	/** The media type the bytes say they are (the name is only a hint Tika may use for container formats). */
	public String detect(byte[] bytes, String originalName) {
		try {
			return this.tika.detect(new ByteArrayInputStream(bytes), safeName(originalName));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Checks and stores a file; returns it. Refused field by field ({@code file}): empty, too large, or of a type the
	 * library does not take (the message names the type found in the bytes).
	 */
	@Transactional
	public StoredFile store(String originalName, byte[] bytes, String actor) {
		List<FieldViolation> violations = violations(originalName, bytes);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		String mediaType = detect(bytes, originalName);
		String key = SecretTokens.newToken();
		String sha256 = sha256(bytes);
		String name = safeName(originalName);
		this.store.put(key, bytes);
		Long id = this.jdbc.queryForObject("INSERT INTO content_file (store, storage_key, media_type, size_bytes, sha256,"
				+ " original_name, stored_by, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
				this.store.name(), key, mediaType, bytes.length, sha256, name, actor,
				Timestamp.from(this.clock.instant()));
		this.audit.record(actor, "UPLOAD", "CONTENT_FILE", id, null,
				Map.of("name", name, "mediaType", mediaType, "sizeBytes", bytes.length, "sha256", sha256));
		return new StoredFile(id, mediaType, bytes.length, name, sha256);
	}

	/** What is wrong with a file for the library ({@code file}): empty, too large, or of a type it does not take. */
	public List<FieldViolation> violations(String originalName, byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return List.of(new FieldViolation("file", "content.file.empty"));
		}
		if (bytes.length > this.maxSize.toBytes()) {
			return List.of(new FieldViolation("file", "content.file.tooLarge", this.maxSize.toMegabytes()));
		}
		String mediaType = detect(bytes, originalName);
		if (!ACCEPTED_TYPES.contains(mediaType)) {
			return List.of(new FieldViolation("file", "content.file.typeRefused", mediaType));
		}
		return List.of();
	}

	public Optional<StoredFile> find(long id) {
		return this.jdbc.query("SELECT id, media_type, size_bytes, original_name, sha256 FROM content_file WHERE id = ?",
				(rs, i) -> new StoredFile(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)),
				id).stream().findFirst();
	}

	/** The file's bytes. */
	public byte[] bytes(long id) {
		String key = this.jdbc.queryForObject("SELECT storage_key FROM content_file WHERE id = ?", String.class, id);
		return this.store.get(key);
	}

	static String safeName(String name) {
		if (name == null || name.isBlank()) {
			return "file";
		}
		String base = name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
		if (base.isEmpty()) {
			return "file";
		}
		return (base.length() > 200) ? base.substring(base.length() - 200) : base;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
