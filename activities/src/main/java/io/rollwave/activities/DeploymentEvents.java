package io.rollwave.activities;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.rollout.RolloutEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rollout events on a DeviceProcessDeployment, so {@code kubectl describe dpd} and {@code
 * kubectl get events} show them. Events are best effort, as Kubernetes events are: a failure is
 * logged, never fails a rollout.
 */
public final class DeploymentEvents {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentEvents.class);
  static final String COMPONENT = "rollwave-rollout";

  private final KubernetesClient client;

  public DeploymentEvents(KubernetesClient client) {
    this.client = client;
  }

  public void record(RolloutEvent event) {
    try {
      DeviceProcessDeployment dpd =
          client
              .resources(DeviceProcessDeployment.class)
              .inNamespace(event.namespace())
              .withName(event.deployment())
              .get();
      if (dpd == null) {
        return;
      }
      ObjectEvents.create(client, dpd, COMPONENT, event.type(), event.reason(), event.message());
    } catch (KubernetesClientException e) {
      LOG.warn(
          "dpd {}/{}: event {} not recorded: {}",
          event.namespace(),
          event.deployment(),
          event.reason(),
          e.getMessage());
    }
  }
}
