package io.rollwave.operator.reconcile;

import io.rollwave.activities.DeploymentEvents;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.rollout.RolloutEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, once per version of it, that a DeviceProcessDeployment cannot be read into the model: a log
 * line and a Warning event on it naming what to fix. The reconciler then leaves it alone; every
 * other deployment goes on.
 */
final class UnreadableDeployments {
  private static final Logger LOG = LoggerFactory.getLogger(UnreadableDeployments.class);

  private final DeploymentEvents events;
  private final Map<String, String> reported = new ConcurrentHashMap<>();

  UnreadableDeployments(DeploymentEvents events) {
    this.events = events;
  }

  void report(DeviceProcessDeployment dpd, String problem) {
    String ns = dpd.getMetadata().getNamespace();
    String name = dpd.getMetadata().getName();
    String version = dpd.getMetadata().getResourceVersion();
    if (version != null && version.equals(reported.put(ns + "/" + name, version))) {
      return;
    }
    String message =
        "spec cannot be read, so nothing of it is rolled out: "
            + problem
            + ". Fix the field (kubectl edit dpd "
            + name
            + " -n "
            + ns
            + ") or delete the deployment";
    LOG.warn("dpd {}/{}: {}", ns, name, message);
    events.record(new RolloutEvent(ns, name, RolloutEvent.WARNING, "InvalidSpec", message));
  }
}
