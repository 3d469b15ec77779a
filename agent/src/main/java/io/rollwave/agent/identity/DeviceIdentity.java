package io.rollwave.agent.identity;

import io.rollwave.agent.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who the agent is to NATS: the credential in its state dir ({@value DeviceCredential#FILE}, 0600),
 * or none, for a NATS without auth.
 */
public final class DeviceIdentity {
  private final Path file;
  private final Optional<CredentialAuth> auth;

  private DeviceIdentity(Path file, Optional<CredentialAuth> auth) {
    this.file = file;
    this.auth = auth;
  }

  /**
   * The credential the state dir holds; a malformed or truncated file fails with one line saying
   * what to do.
   */
  public static DeviceIdentity load(AgentConfig config) {
    Path file = config.stateDir().resolve(DeviceCredential.FILE);
    if (!Files.exists(file)) {
      return new DeviceIdentity(file, Optional.empty());
    }
    try {
      return new DeviceIdentity(file, Optional.of(new CredentialAuth(DeviceCredential.load(file))));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the NATS credential " + file + ": " + e);
    }
  }

  public Optional<CredentialAuth> auth() {
    return auth;
  }

  public Path file() {
    return file;
  }
}
