package io.rollwave.operator.identity;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.rollwave.tls.NatsEndpoint;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The operator's identity duties on a secured NATS: answers enrollment and renewal, and revokes a
 * device's credential when its inventory resource is deleted.
 */
public final class IdentityServices implements AutoCloseable {
  /** A device credential's life; it is renewed at two thirds of it, and revoked at once. */
  public static final Duration CREDENTIAL_LIFETIME = Duration.ofDays(30);

  private final Connection system;
  private final IdentityResponder responder;
  private final KubeInventory inventory;

  private IdentityServices(
      Connection system, IdentityResponder responder, KubeInventory inventory) {
    this.system = system;
    this.responder = responder;
    this.inventory = inventory;
  }

  public static IdentityServices start(
      Connection nats,
      NatsEndpoint endpoint,
      NatsIdentity identity,
      KubernetesClient kube,
      List<String> kinds)
      throws IOException, InterruptedException {
    Connection system =
        endpoint.connect(
            endpoint
                .options()
                .connectionName("rollwave-operator (account updates)")
                .authHandler(Nats.credentials(identity.accountUpdaterCreds().toString()))
                .maxReconnects(-1));
    Enrollments enrollments = Enrollments.open(nats);
    DeviceJwts jwts = new DeviceJwts(identity.accountSigning(), identity.accountId());
    KubeInventory inventory = new KubeInventory(kube, kinds);
    IdentityResponder responder =
        new IdentityResponder(
            nats,
            new Enrollment(jwts, enrollments, inventory, CREDENTIAL_LIFETIME, Clock.systemUTC()));
    inventory.revokeOnDelete(
        new DeviceRevocation(
            enrollments,
            new AccountRevocations(system, identity.accountId(), identity.operatorSigning()),
            Clock.systemUTC()));
    return new IdentityServices(system, responder, inventory);
  }

  @Override
  public void close() throws InterruptedException {
    inventory.close();
    responder.close();
    system.close();
  }
}
