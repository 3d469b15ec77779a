package io.rollwave.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.rollwave.testsupport.NatsAuth;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RepoLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Revocations pushed to a real nats-server's resolver, and pruned there once they cannot matter.
 */
class AccountRevocationsIT {
  @Test
  void aRevocationOlderThanAnyCredentialIsDroppedWithTheNextPush() throws Exception {
    Path work = Files.createTempDirectory(RepoLayout.targetDir("account-revocations-it"), "run");
    try (NatsTestServer server = NatsTestServer.startSecured(work)) {
      NatsAuth auth = server.auth().orElseThrow();
      try (Connection system =
          Nats.connect(
              server
                  .options()
                  .authHandler(
                      Nats.credentials(
                          auth.writeAccountUpdaterCreds(work.resolve("updater.creds")).toString()))
                  .build())) {
        AccountRevocations account =
            new AccountRevocations(system, auth.accountId(), auth.operatorSigningKey());
        Instant now = Instant.now();
        Instant longAgo = now.minus(IdentityServices.CREDENTIAL_LIFETIME).minus(Duration.ofDays(2));
        account.revoke("UGONE", longAgo);
        assertThat(account.revocations()).containsOnlyKeys("UGONE");
        account.revoke("URECENT", now.minus(Duration.ofDays(3)));
        assertThat(account.revocations())
            .as("the resolver's revocations after the next push")
            .containsOnlyKeys("URECENT");

        account.revoke("UNOW", now);

        assertThat(account.revocations())
            .containsOnlyKeys("URECENT", "UNOW")
            .containsEntry("UNOW", now.getEpochSecond());
      }
    }
  }
}
