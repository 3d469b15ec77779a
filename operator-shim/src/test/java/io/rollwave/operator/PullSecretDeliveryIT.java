package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.nats.PullSecret;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.TemporalTestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An artifact's {@code pullSecretRef} on real servers: the desired entry says the Secret is missing
 * and how to create it; once it is created with kubectl, the entry carries its Docker config.
 */
@ExtendWith(RealServers.class)
class PullSecretDeliveryIT {
  private static final String NS = "pull-secret";

  private static final String DEPLOYMENT =
      """
      apiVersion: azure.com/v1alpha1
      kind: DeviceProcessDeployment
      metadata:
        name: switch-agent
        namespace: pull-secret
      spec:
        selector:
          matchLabels: {role: tor, type: switch}
        template:
          spec:
            artifact:
              type: oci
              url: registry.example:5000/apollo/switch-agent:v1
              checksumSHA256: "%s"
              pullSecretRef: {name: regcred}
            execution:
              backend: exec
              command: ["/bin/sh", "${ROLLWAVE_ARTIFACT}"]
      """
          .formatted("1".repeat(64));

  private static PullSecret delivered(KeyValue desired) throws Exception {
    KeyValueEntry entry =
        desired.get(
            new DeviceKey(NS, "NetworkSwitch", "tor-01")
                .processKey(new ProcessId(NS, "switch-agent-tor-01")));
    return entry == null
        ? null
        : NatsJson.MAPPER.readValue(entry.getValue(), DesiredProcess.class).pullSecret();
  }

  @Test
  void aMissingSecretIsSaidSoAndOnceCreatedItIsDelivered(
      KubeTestServer kube, NatsTestServer natsServer, TemporalTestServer temporal)
      throws Exception {
    TestControlPlanes.switches(kube, NS, 1);
    try (ControlPlane plane =
            ControlPlane.start(TestControlPlanes.config(kube, natsServer, temporal, NS, Map.of()));
        Connection nats = natsServer.connect()) {
      KeyValue desired = nats.keyValue(Buckets.DESIRED);
      kube.kubectlApply(DEPLOYMENT);

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                PullSecret secret = delivered(desired);
                assertThat(secret).isNotNull();
                assertThat(secret.dockerConfigJson()).isNull();
                assertThat(secret.problem())
                    .startsWith("pull secret pull-secret/regcred not found")
                    .contains("kubectl create secret docker-registry regcred -n pull-secret");
              });

      kube.kubectl(
          "create",
          "secret",
          "docker-registry",
          "regcred",
          "-n",
          NS,
          "--docker-server=registry.example:5000",
          "--docker-username=puller",
          "--docker-password=s3cret");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                PullSecret secret = delivered(desired);
                assertThat(secret.problem()).isNull();
                assertThat(secret.name()).isEqualTo("regcred");
                assertThat(secret.dockerConfigJson())
                    .contains("registry.example:5000")
                    .contains("\"username\":\"puller\"");
              });
    }
  }
}
