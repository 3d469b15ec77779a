package io.rollwave.operator.bridge;

import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.rollout.fleet.DevicePolicy;
import java.util.Objects;

/** What a deployment's rollout counts its fleet against: the update revision and the policy. */
public record RolloutTarget(String revision, DevicePolicy policy) {
  public RolloutTarget {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(policy, "policy");
  }

  /** {@code dpd}'s target, or null when it has none (deleted, or no rollout yet). */
  public static RolloutTarget of(DeviceProcessDeployment dpd) {
    if (dpd == null || dpd.getStatus() == null || dpd.getStatus().updateRevision() == null) {
      return null;
    }
    return new RolloutTarget(dpd.getStatus().updateRevision(), policyOf(dpd));
  }

  /** The state rules of {@code dpd}'s spec; the defaults when it has none. */
  public static DevicePolicy policyOf(DeviceProcessDeployment dpd) {
    return dpd == null || dpd.getSpec() == null
        ? DevicePolicy.DEFAULT
        : DevicePolicy.of(dpd.getSpec().minReadySeconds(), dpd.getSpec().progressDeadlineSeconds());
  }
}
