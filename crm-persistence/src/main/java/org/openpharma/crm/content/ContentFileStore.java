package org.openpharma.crm.content;

/**
 * Where the bytes of content files live, behind one interface (docs/adr/0028): a directory by default
 * ({@link FilesystemFileStore}), or the database ({@link DatabaseFileStore}, {@code crm.content.files.store=database}).
 * What a file is (name, type, size, checksum) is always in the table {@code content_file}; a store only keeps bytes
 * under a key it was given.
 */
public interface ContentFileStore {

	/** The store's name as recorded with each file: DATABASE or FILESYSTEM. */
	String name();

	/** Keeps the bytes under the key, inside the caller's transaction where the store has one. */
	void put(String key, byte[] bytes);

	/** The bytes kept under the key. */
	byte[] get(String key);

}
