package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nats.client.Connection;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.TemporalTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control plane (operator and worker in one process) stopped in the middle of a rollout and
 * started again: the rollout goes on from where it was, no DeviceProcess is set to the revision
 * twice, and the window holds.
 */
@ExtendWith(RealServers.class)
class ControlPlaneRestartIT {
  private static final String NS = "restart-it";

  private static String deploymentYaml(String version, String sha) {
    return ControlPlaneIT.deploymentYaml(version, sha)
        .replace("namespace: cp-it", "namespace: " + NS);
  }

  private static OperatorConfig config(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) {
    return TestControlPlanes.config(kube, nats, temporal, NS, Map.of());
  }

  @Test
  void rolloutContinuesAfterTheControlPlaneRestarts(
      KubeTestServer kube, NatsTestServer natsServer, TemporalTestServer temporal)
      throws Exception {
    TestControlPlanes.switches(kube, NS, 5);
    ControlPlane first = ControlPlane.start(config(kube, natsServer, temporal));
    try (KubernetesClient client = kube.client();
        Connection nats = natsServer.connect();
        FleetSimulator agents = new FleetSimulator(nats, FleetSimulator.Behaviour.instant())) {
      kube.kubectlApply(deploymentYaml("v1", "1".repeat(64)));
      await().atMost(Duration.ofSeconds(60)).until(() -> ready(client) == 5);
      // the status may name the revision after the DPs are ready: wait for it
      String v1 =
          await().atMost(Duration.ofSeconds(60)).until(() -> revision(client), r -> !r.isBlank());

      agents.holdBack("switch-agent-tor-01");
      agents.holdBack("switch-agent-tor-02");
      kube.kubectlApply(deploymentYaml("v2", "2".repeat(64)));
      // the revision the status names, read once: a second read could race a status write
      String v2 =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> revision(client), r -> !r.isBlank() && !r.equals(v1));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(countAt(client, v2))
                      .as("DPs at %s among %s", v2, revisions(client))
                      .isEqualTo(2));

      first.close();
      agents.release("switch-agent-tor-01");
      agents.release("switch-agent-tor-02");
      assertThat(countAt(client, v2))
          .as("nothing moves while the control plane is down")
          .isEqualTo(2);

      try (ControlPlane second = ControlPlane.start(config(kube, natsServer, temporal))) {
        await()
            .atMost(Duration.ofSeconds(90))
            .untilAsserted(
                () -> {
                  assertThat(countAt(client, v2)).isEqualTo(5);
                  assertThat(ready(client)).isEqualTo(5);
                });
      }
      for (DeviceProcess dp : processes(client)) {
        assertThat(dp.getMetadata().getGeneration())
            .as("%s: created at v1, set to v2 once", dp.getMetadata().getName())
            .isEqualTo(2L);
      }
    }
  }

  private static List<DeviceProcess> processes(KubernetesClient client) {
    return client
        .resources(DeviceProcess.class)
        .inNamespace(NS)
        .withLabel(Labels.DEPLOYMENT, "switch-agent")
        .list()
        .getItems();
  }

  private static Map<String, String> revisions(KubernetesClient client) {
    Map<String, String> labels = new java.util.TreeMap<>();
    processes(client)
        .forEach(
            dp ->
                labels.put(
                    dp.getMetadata().getName(),
                    dp.getMetadata().getLabels().get(Labels.REVISION)
                        + " gen "
                        + dp.getMetadata().getGeneration()));
    return labels;
  }

  private static long countAt(KubernetesClient client, String revision) {
    return processes(client).stream()
        .filter(dp -> revision.equals(dp.getMetadata().getLabels().get(Labels.REVISION)))
        .count();
  }

  private static long ready(KubernetesClient client) {
    return processes(client).stream()
        .filter(io.rollwave.activities.DeviceAvailability::available)
        .count();
  }

  private static String revision(KubernetesClient client) {
    DeviceProcessDeployment d =
        client
            .resources(DeviceProcessDeployment.class)
            .inNamespace(NS)
            .withName("switch-agent")
            .get();
    return d == null || d.getStatus() == null || d.getStatus().updateRevision() == null
        ? ""
        : d.getStatus().updateRevision();
  }
}
