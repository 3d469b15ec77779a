package io.rollwave.agent.identity;

import io.nats.client.support.JsonParseException;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device's NATS credential: its user JWT (issued by the operator, naming what it may do and until
 * when) and the seed of its own key, in the {@code .creds} format nats-server's tools use.
 */
public record DeviceCredential(String jwt, String seed) {
  private static final Pattern JWT =
      Pattern.compile(
          "-{3,}BEGIN NATS USER JWT-{3,}\\s*\\R(\\S+)\\s*\\R-{3,}END NATS USER JWT-{3,}");
  private static final Pattern SEED =
      Pattern.compile(
          "-{3,}BEGIN USER NKEY SEED-{3,}\\s*\\R(\\S+)\\s*\\R-{3,}END USER NKEY SEED-{3,}");

  /** The file name in the agent's state dir. */
  public static final String FILE = "nats.creds";

  @Override
  public String toString() {
    return "DeviceCredential[" + publicKey() + "]";
  }

  /** Reads a {@code .creds} file; a malformed or truncated one fails saying so and where. */
  public static DeviceCredential load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  static DeviceCredential parse(String text, String source) {
    Matcher jwt = JWT.matcher(text);
    Matcher seed = SEED.matcher(text);
    if (!jwt.find() || !seed.find()) {
      throw new IllegalArgumentException(
          source
              + " is not a NATS credential (a user JWT and a user seed): malformed or truncated;"
              + " delete it and enroll the device again with a new token");
    }
    DeviceCredential credential = new DeviceCredential(jwt.group(1), seed.group(1));
    try {
      NKeys.rawSeed(credential.seed());
      credential.claim("sub");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source
              + " is not a usable NATS credential ("
              + e.getMessage()
              + "); delete it and enroll the device again with a new token");
    }
    return credential;
  }

  /** Writes the credential readable by its owner only, replacing the file atomically. */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, text(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public String text() {
    return "-----BEGIN NATS USER JWT-----\n"
        + jwt
        + "\n------END NATS USER JWT------\n\n"
        + "-----BEGIN USER NKEY SEED-----\n"
        + seed
        + "\n------END USER NKEY SEED------\n";
  }

  /** When the JWT expires, in epoch seconds; 0 for never. */
  public long expiresAt() {
    return claim("exp").map(v -> v.number == null ? 0L : v.number.longValue()).orElse(0L);
  }

  /** The name the JWT gives its user. */
  public String name() {
    return claim("name").map(v -> v.string).orElse("");
  }

  /** When the JWT was issued, in epoch seconds. */
  public long issuedAt() {
    return claim("iat").map(v -> v.number == null ? 0L : v.number.longValue()).orElse(0L);
  }

  /** The same key with a renewed JWT. */
  public DeviceCredential withJwt(String renewed) {
    return new DeviceCredential(renewed, seed);
  }

  /** The user public key the JWT was issued to. */
  public String publicKey() {
    return claim("sub").map(v -> v.string).orElse("");
  }

  private Optional<JsonValue> claim(String name) {
    try {
      JsonValue claims = JsonParser.parse(claims());
      return Optional.ofNullable(claims.map == null ? null : claims.map.get(name));
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("the user JWT's claims are not JSON");
    }
  }

  private String claims() {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("the user JWT is not three dot-separated parts");
    }
    try {
      return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the user JWT's claims are not base64url");
    }
  }
}
