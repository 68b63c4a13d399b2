package org.openpharma.crm.content;

import org.springframework.jdbc.core.JdbcTemplate;

/** Files in the table {@code content_blob}, written in the same transaction as their {@code content_file} row. */
public class DatabaseFileStore implements ContentFileStore {

	private final JdbcTemplate jdbc;

	public DatabaseFileStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "DATABASE";
	}

	@Override
	public void put(String key, byte[] bytes) {
		this.jdbc.update("INSERT INTO content_blob (storage_key, bytes) VALUES (?, ?)", key, bytes);
	}

	@Override
	public byte[] get(String key) {
		return this.jdbc.queryForObject("SELECT bytes FROM content_blob WHERE storage_key = ?", byte[].class, key);
	}

}
