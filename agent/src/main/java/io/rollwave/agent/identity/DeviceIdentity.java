package io.rollwave.agent.identity;

import io.rollwave.agent.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Who the agent is to NATS: the credential in its state dir ({@value DeviceCredential#FILE}, 0600);
 * before the first start, the enrollment token that is traded for it; or neither, for a NATS
 * without auth. Everything is checked before the agent touches a process, so a malformed credential
 * or a wrong or expired token fails with one line.
 */
public final class DeviceIdentity {
  private final Path file;
  private final Optional<CredentialAuth> auth;
  private final Optional<EnrollmentToken> token;

  private DeviceIdentity(
      Path file, Optional<CredentialAuth> auth, Optional<EnrollmentToken> token) {
    this.file = file;
    this.auth = auth;
    this.token = token;
  }

  public static DeviceIdentity load(AgentConfig config) {
    Path file = config.stateDir().resolve(DeviceCredential.FILE);
    if (Files.exists(file)) {
      try {
        return new DeviceIdentity(
            file, Optional.of(new CredentialAuth(DeviceCredential.load(file))), Optional.empty());
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the NATS credential " + file + ": " + e);
      }
    }
    if (config.enrollTokenFile().isEmpty()) {
      return new DeviceIdentity(file, Optional.empty(), Optional.empty());
    }
    Path tokenFile = config.enrollTokenFile().get();
    String text;
    try {
      text = Files.readString(tokenFile);
    } catch (IOException e) {
      throw new IllegalArgumentException("--enroll-token-file " + tokenFile + " cannot be read");
    }
    return new DeviceIdentity(
        file,
        Optional.empty(),
        Optional.of(EnrollmentToken.parse(text, config.device(), Clock.systemUTC())));
  }

  /** The credential to connect with: the stored one, or none (yet). */
  public Optional<CredentialAuth> auth() {
    return auth;
  }

  /** The token to enroll with, when there is no credential yet. */
  public Optional<EnrollmentToken> token() {
    return token;
  }

  /** The identity after enrollment stored {@code credential}. */
  public DeviceIdentity enrolled(DeviceCredential credential) {
    return new DeviceIdentity(file, Optional.of(new CredentialAuth(credential)), Optional.empty());
  }

  public Path file() {
    return file;
  }
}
