package io.rollwave.bench;

import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rollwave.api.nats.identity.SimulatorPermissions;
import io.rollwave.operator.identity.DeviceJwts;
import io.rollwave.operator.identity.NatsIdentity;
import io.rollwave.tls.NatsEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How simulated agents (demo, bench) reach NATS: on a secured NATS with a credential issued from
 * the operator's identity for one namespace's devices only ({@link SimulatorPermissions}), on an
 * open one without credentials.
 */
public final class SimulatorConnection {
  /** Longer than any demo or benchmark run. */
  static final Duration LIFETIME = Duration.ofHours(12);

  private SimulatorConnection() {}

  public static Connection open(
      NatsEndpoint nats, Optional<Path> operatorIdentity, String namespace)
      throws IOException, InterruptedException {
    Options.Builder options = nats.options().connectionName("rollwave simulated agents");
    if (operatorIdentity.isPresent()) {
      NatsIdentity identity = NatsIdentity.load(operatorIdentity.get());
      try {
        NKey user = NKey.createUser(null);
        String jwt =
            new DeviceJwts(identity.accountSigning(), identity.accountId())
                .simulator(namespace, new String(user.getPublicKey()), LIFETIME, Instant.now());
        options
            .authHandler(Nats.staticCredentials(jwt.toCharArray(), user.getSeed()))
            .inboxPrefix(SimulatorPermissions.inboxPrefix(namespace));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot make the simulated agents' NATS key", e);
      }
    }
    return nats.connect(options);
  }

  /** One line: how the simulated agents are allowed in. */
  public static String describe(Optional<Path> operatorIdentity, String namespace) {
    return operatorIdentity.isPresent()
        ? "simulated agents with a credential for the devices of namespace "
            + namespace
            + " only; the operator as its identity in "
            + operatorIdentity.get()
        : "NATS OPEN: no identity (--nats-identity / $ROLLWAVE_NATS_IDENTITY), any client may do"
            + " anything";
  }
}
