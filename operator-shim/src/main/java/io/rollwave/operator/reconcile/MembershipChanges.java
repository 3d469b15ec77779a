package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rollwave.api.Labels;
import io.rollwave.api.process.DeviceProcess;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes that can alter a deployment's membership: an inventory device added, deleted
 * or relabelled, a DeviceProcess added, deleted or pointed at another device or deployment. Status
 * changes, which are nearly all of a rollout's events, do not count. Bumped by the informers'
 * handlers after their caches have the change and before the reconcile it triggers.
 */
public final class MembershipChanges {
  private final AtomicLong version = new AtomicLong();

  /** Read before reading the caches: a change after this read shows as a newer version. */
  public long current() {
    return version.get();
  }

  public void changed() {
    version.incrementAndGet();
  }

  /** Whether an inventory device's update can change which deployments select it. */
  public static boolean relabelled(HasMetadata old, HasMetadata updated) {
    return !Objects.equals(old.getMetadata().getLabels(), updated.getMetadata().getLabels());
  }

  /** Whether a DeviceProcess's update can change which deployment and device it belongs to. */
  public static boolean reassigned(DeviceProcess old, DeviceProcess updated) {
    return !Objects.equals(deploymentOf(old), deploymentOf(updated))
        || !Objects.equals(
            old.getSpec() == null ? null : old.getSpec().deviceRef(),
            updated.getSpec() == null ? null : updated.getSpec().deviceRef());
  }

  private static String deploymentOf(DeviceProcess dp) {
    var labels = dp.getMetadata().getLabels();
    return labels == null ? null : labels.get(Labels.DEPLOYMENT);
  }
}
