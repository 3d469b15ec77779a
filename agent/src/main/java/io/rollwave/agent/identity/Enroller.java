package io.rollwave.agent.identity;

import io.nats.client.Connection;
import io.nats.client.Options;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.identity.IdentitySubjects;
import io.rollwave.tls.NatsEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Trades an enrollment token for the device's credential: makes a key pair (the seed never leaves
 * the device), asks the operator as the token's bootstrap user, and stores the credential 0600.
 */
public final class Enroller {
  private Enroller() {}

  /**
   * The stored credential; IOException when NATS or the operator did not answer (retry),
   * IllegalArgumentException with one line when the operator refused.
   */
  public static DeviceCredential enroll(
      NatsEndpoint nats, DeviceKey device, EnrollmentToken token, Path file)
      throws IOException, InterruptedException {
    NKeys.UserKey key = NKeys.newUser();
    Options.Builder options =
        nats.options()
            .connectionName("rollwave-agent " + device + " (enrolling)")
            .authHandler(new CredentialAuth(token.bootstrap()))
            .inboxPrefix(IdentitySubjects.inboxPrefix(device))
            .connectionTimeout(Duration.ofSeconds(5))
            .maxReconnects(0)
            .noReconnect();
    try (Connection connection = nats.connect(options)) {
      String jwt =
          IdentityRequests.request(
              connection,
              IdentitySubjects.enroll(device),
              IdentityRequests.json("token", token.bootstrap().jwt(), "publicKey", key.publicKey()),
              key.publicKey());
      DeviceCredential credential = new DeviceCredential(jwt, key.seed());
      credential.write(file);
      return credential;
    } catch (IdentityRequests.Refused refused) {
      throw new IllegalArgumentException(
          "enrollment refused by the operator: " + refused.getMessage());
    }
  }
}
