package io.rollwave.activities;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.rollout.RolloutEvent;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
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
      String now = Instant.now().toString();
      client
          .v1()
          .events()
          .inNamespace(event.namespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(
                      event.deployment()
                          + "."
                          + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                  .withNamespace(event.namespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(dpd.getApiVersion())
                          .withKind(dpd.getKind())
                          .withNamespace(event.namespace())
                          .withName(event.deployment())
                          .withUid(dpd.getMetadata().getUid())
                          .build())
                  .withType(event.type())
                  .withReason(event.reason())
                  .withMessage(event.message())
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .build())
          .create();
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
