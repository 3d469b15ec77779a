package io.rollwave.agent.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** SHA-256 of files, as lower-case hex. */
final class Sha256 {
  private Sha256() {}

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** The file's digest, or empty when it cannot be read. */
  static Optional<String> of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = digest();
      in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
      return Optional.of(HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
