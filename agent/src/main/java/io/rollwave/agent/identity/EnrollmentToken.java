package io.rollwave.agent.identity;

import io.rollwave.api.nats.DeviceKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * A one-time enrollment token ({@code rwt1.<base64url(bootstrap JWT \n seed)>}, printed by {@code
 * rollwave enroll}): the bootstrap user that may ask, once, for this device's credential. Checked
 * here before any connection, so a wrong, truncated or expired token fails with one line.
 */
public record EnrollmentToken(DeviceCredential bootstrap) {
  static final String PREFIX = "rwt1.";

  @Override
  public String toString() {
    return "EnrollmentToken[" + bootstrap.publicKey() + "]";
  }

  public static EnrollmentToken parse(String text, DeviceKey device, Clock clock) {
    String trimmed = text.trim();
    String body;
    try {
      if (!trimmed.startsWith(PREFIX)) {
        throw new IllegalArgumentException("no " + PREFIX + " prefix");
      }
      body =
          new String(
              Base64.getUrlDecoder().decode(trimmed.substring(PREFIX.length())),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(device);
    }
    String[] parts = body.split("\n");
    if (parts.length != 2) {
      throw malformed(device);
    }
    DeviceCredential bootstrap;
    try {
      bootstrap =
          DeviceCredential.parse(
              "-----BEGIN NATS USER JWT-----\n"
                  + parts[0]
                  + "\n------END NATS USER JWT------\n-----BEGIN USER NKEY SEED-----\n"
                  + parts[1]
                  + "\n------END USER NKEY SEED------\n",
              "the enrollment token");
    } catch (IllegalArgumentException e) {
      throw malformed(device);
    }
    String name = bootstrap.name();
    if (!name.equals("bootstrap " + device)) {
      throw new IllegalArgumentException(
          "the enrollment token is for "
              + name.replaceFirst("^bootstrap ", "")
              + ", not "
              + device
              + "; use the token made for this device");
    }
    long expires = bootstrap.expiresAt();
    if (expires != 0 && expires <= clock.instant().getEpochSecond()) {
      throw new IllegalArgumentException(
          "the enrollment token expired at "
              + Instant.ofEpochSecond(expires)
              + "; make a new one with: rollwave enroll "
              + device);
    }
    return new EnrollmentToken(bootstrap);
  }

  private static IllegalArgumentException malformed(DeviceKey device) {
    return new IllegalArgumentException(
        "the enrollment token is malformed or truncated; copy it whole, or make a new one with:"
            + " rollwave enroll "
            + device);
  }
}
