package io.rollwave.agent.backend.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The pull secret of one DeviceProcess as the container engine reads it: {@code
 * <root>/<dp>/config.json}, the secret's Docker config document, readable by the agent's user only
 * (directory 0700, file 0600 from its creation). Written just before a run and deleted after it, so
 * credentials stay on disk only while the engine pulls.
 */
final class RegistryAuthFile {
  static final String FILE_NAME = "config.json";

  private final Path root;

  RegistryAuthFile(Path root) {
    this.root = root;
  }

  /** The directory holding {@code config.json} of DeviceProcess {@code name}. */
  Path dir(String name) {
    return root.resolve(name);
  }

  /** Writes the document, replacing any earlier one atomically; returns its directory. */
  Path write(String name, String dockerConfigJson) throws IOException {
    Path dir = dir(name);
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path temp =
        Files.createTempFile(
            dir,
            FILE_NAME + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, dockerConfigJson, StandardCharsets.UTF_8);
      Files.move(
          temp,
          dir.resolve(FILE_NAME),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot replace the pull secret file in " + dir + " atomically", e);
    } finally {
      Files.deleteIfExists(temp);
    }
    return dir;
  }

  /** Deletes the document and its directory, if there; a directory with other files is kept. */
  void delete(String name) throws IOException {
    Path dir = dir(name);
    Files.deleteIfExists(dir.resolve(FILE_NAME));
    if (Files.isDirectory(dir)) {
      try (var left = Files.list(dir)) {
        if (left.findAny().isEmpty()) {
          Files.delete(dir);
        }
      }
    }
  }

  /** Writes the document when there is one, else deletes any left from before. */
  Optional<Path> prepare(String name, Optional<String> dockerConfigJson) throws IOException {
    if (dockerConfigJson.isEmpty()) {
      delete(name);
      return Optional.empty();
    }
    return Optional.of(write(name, dockerConfigJson.get()));
  }
}
