package io.rollwave.ctl;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentSpec;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.Pause;
import io.rollwave.api.deployment.RollingUpdate;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.deployment.RolloutStatus;
import io.rollwave.api.deployment.RolloutStep;
import io.rollwave.api.deployment.UpdateStrategy;
import io.rollwave.api.deployment.UpdateStrategyType;
import java.util.Collections;
import java.util.List;

/** Deployments as the tests need them: a name, a policy, a status. */
final class Deployments {
  private Deployments() {}

  /** {@code ns/name} at generation 2, with {@code steps} canary steps and {@code partitionBy}. */
  static DeviceProcessDeployment dpd(
      String ns, String name, int steps, String partitionBy, DeviceProcessDeploymentStatus status) {
    DeviceProcessDeployment dpd = new DeviceProcessDeployment();
    dpd.setMetadata(
        new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(2L).build());
    List<RolloutStep> canary =
        Collections.nCopies(steps, new RolloutStep(new IntOrString(1), (Pause) null));
    dpd.setSpec(
        new DeviceProcessDeploymentSpec(
            null,
            new UpdateStrategy(
                UpdateStrategyType.RollingUpdate,
                new RollingUpdate(new IntOrString(2), partitionBy, null, canary)),
            null,
            0,
            600,
            null,
            false,
            10));
    dpd.setStatus(status);
    return dpd;
  }

  /** A status the operator wrote for generation {@code observed}. */
  static DeviceProcessDeploymentStatus status(
      long observed,
      String stable,
      String update,
      RolloutPhase phase,
      String reason,
      String message) {
    return new DeviceProcessDeploymentStatus(
        observed,
        6,
        6,
        5,
        5,
        1,
        4,
        List.of(),
        update,
        stable,
        new RolloutStatus(phase, reason, message, null, null, 0));
  }
}
