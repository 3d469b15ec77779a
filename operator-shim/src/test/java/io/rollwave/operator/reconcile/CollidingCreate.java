package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reconciler's writer asked to create a DeviceProcess whose name another already has, as when
 * its cache lags the API server: it reads the existing one (a GET) to learn whose it is.
 */
public final class CollidingCreate {
  private CollidingCreate() {}

  /** The conflicts the writer reports creating {@code dpName} for {@code device}. */
  public static List<String> attempt(
      KubernetesClient client, DeviceProcessDeployment dpd, String dpName, InventoryDevice device) {
    MembershipPlan plan =
        new MembershipPlan(Map.of(dpName, device), List.of(), Set.of(dpName), List.of());
    return new MembershipWriter(client).execute(dpd, plan, "0", created -> {}).conflicts();
  }
}
