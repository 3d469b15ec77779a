package io.rollwave.activities;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Writes one Kubernetes Event about a namespaced object, as {@code kubectl describe} shows it. */
public final class ObjectEvents {
  private ObjectEvents() {}

  /**
   * Creates the Event; throws {@link io.fabric8.kubernetes.client.KubernetesClientException} when
   * the API server refuses it (events are best effort: callers log that and carry on).
   */
  public static void create(
      KubernetesClient client,
      HasMetadata involved,
      String component,
      String type,
      String reason,
      String message) {
    String ns = involved.getMetadata().getNamespace();
    String name = involved.getMetadata().getName();
    String now = Instant.now().toString();
    client
        .v1()
        .events()
        .inNamespace(ns)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(
                    name + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                .withNamespace(ns)
                .endMetadata()
                .withInvolvedObject(
                    new ObjectReferenceBuilder()
                        .withApiVersion(involved.getApiVersion())
                        .withKind(involved.getKind())
                        .withNamespace(ns)
                        .withName(name)
                        .withUid(involved.getMetadata().getUid())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource()
                .withComponent(component)
                .endSource()
                .withReportingComponent(component)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build())
        .create();
  }
}
