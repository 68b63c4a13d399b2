package org.openpharma.crm.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files in a directory, one file per key (keys are random and never reused). The bytes are written to a temporary
 * file and moved into place, so a reader never sees half a file; a file whose row was rolled back stays behind as an
 * orphan, which is harmless (nothing points at it). Several application nodes need the directory shared.
 */
public class FilesystemFileStore implements ContentFileStore {

	private final Path directory;

	public FilesystemFileStore(Path directory) {
		this.directory = directory;
	}

	@Override
	public String name() {
		return "FILESYSTEM";
	}

	@Override
	public void put(String key, byte[] bytes) {
		try {
			Files.createDirectories(this.directory);
			Path temporary = Files.createTempFile(this.directory, ".upload-", ".tmp");
			Files.write(temporary, bytes);
			Files.move(temporary, path(key), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store content file " + key, ex);
		}
	}

	@Override
	public byte[] get(String key) {
		try {
			return Files.readAllBytes(path(key));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read content file " + key, ex);
		}
	}

	private Path path(String key) {
		if (!key.matches("[A-Za-z0-9_-]+")) {
			throw new IllegalArgumentException("Not a storage key: " + key);
		}
		return this.directory.resolve(key);
	}

}
