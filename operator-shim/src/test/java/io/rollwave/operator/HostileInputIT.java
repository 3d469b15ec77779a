package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nats.client.Connection;
import io.rollwave.api.Labels;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.TemporalTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What users and faults throw at the control plane (issue 14), on real kube-apiserver, NATS and
 * Temporal: objects the model cannot read, deployments whose DP names collide, and a deployment
 * deleted in the middle of its rollout, with the operator running and while it was not.
 */
@ExtendWith(RealServers.class)
class HostileInputIT {

  private static String device(String ns, String name, String app) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: NetworkSwitch
        metadata: {name: %s, namespace: %s, labels: {app: %s}}
        spec: {}
        """
        .formatted(name, ns, app);
  }

  private static String deployment(String ns, String name, String app, String version) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: DeviceProcessDeployment
        metadata: {name: %s, namespace: %s}
        spec:
          selector: {matchLabels: {app: %s}}
          updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}
          template:
            spec:
              artifact: {type: http, url: "https://artifacts.example/a-%s", checksumSHA256: "%s", version: %s}
              execution: {backend: exec, command: ["${ROLLWAVE_ARTIFACT}"]}
        """
        .formatted(name, ns, app, version, version.substring(1).repeat(64), version);
  }

  private static String columns(KubeTestServer kube, String ns, String dpd) {
    return kube.kubectl(
            "get",
            "dpd",
            dpd,
            "-n",
            ns,
            "--no-headers",
            "-o",
            "custom-columns=D:.status.desiredNumberScheduled,C:.status.currentNumberScheduled,"
                + "U:.status.updatedNumberScheduled,A:.status.numberAvailable")
        .trim()
        .replaceAll("\\s+", " ");
  }

  @Test
  void objectsTheModelCannotReadAreSkippedAndEveryOtherDeploymentRolls(
      KubeTestServer kube, NatsTestServer natsServer, TemporalTestServer temporal)
      throws Exception {
    String ns = "hostile-unreadable";
    kube.createNamespace(ns);
    for (int i = 1; i <= 3; i++) {
      kube.kubectlApply(device(ns, "sw0" + i, "good"));
    }
    kube.kubectlApply(device(ns, "sw09", "bad"));
    KubernetesClient client = kube.client();
    kube.aroundValidation(
        "deviceprocessdeployments.azure.com",
        () ->
            kube.kubectlApply(
                deployment(ns, "broken", "bad", "v1")
                    .replace(
                        "spec:\n  selector", "spec:\n  minReadySeconds: 2147483648\n  selector")));
    kube.aroundValidation(
        "deviceprocesses.azure.com",
        () ->
            kube.kubectlApply(
                """
                apiVersion: azure.com/v1alpha1
                kind: DeviceProcess
                metadata:
                  name: good-sw01
                  namespace: %s
                  labels: {rollwave.io/deployment: good, app: good}
                spec:
                  deviceRef: {kind: NetworkSwitch, name: sw01}
                  artifact: {type: http, url: "https://x.example/a", checksumSHA256: "%s"}
                  execution: {backend: exec, command: ["a"]}
                  healthCheck: {periodSeconds: 2147483648}
                """
                    .formatted(ns, "0".repeat(64))));

    try (ControlPlane plane =
            ControlPlane.start(TestControlPlanes.config(kube, natsServer, temporal, ns, Map.of()));
        Connection nats = natsServer.connect();
        FleetSimulator agents = new FleetSimulator(nats, FleetSimulator.Behaviour.instant())) {
      kube.kubectlApply(deployment(ns, "good", "good", "v1"));

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(columns(kube, ns, "good")).isEqualTo("3 3 3 3"));
      DeviceProcess replaced =
          client.resources(DeviceProcess.class).inNamespace(ns).list().getItems().stream()
              .filter(dp -> "sw01".equals(dp.getSpec().deviceRef().name()))
              .findFirst()
              .orElseThrow();
      assertThat(replaced.getSpec().healthCheck()).as("the unreadable DP was replaced").isNull();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          kube.kubectl(
                              "get",
                              "events",
                              "-n",
                              ns,
                              "--field-selector",
                              "involvedObject.name=broken"))
                      .contains("InvalidSpec")
                      .contains("2147483648"));
      assertThat(kube.kubectl("get", "dpd", "broken", "-n", ns, "-o", "jsonpath={.status}"))
          .as("nothing written to the unreadable deployment")
          .isEmpty();
    }
  }

  @Test
  void deploymentsWhoseProcessNamesCollideBothGetEveryDevice(
      KubeTestServer kube, NatsTestServer natsServer, TemporalTestServer temporal)
      throws Exception {
    String ns = "hostile-names";
    kube.createNamespace(ns);
    // app on x-sw01 and app-x on sw01 both want app-x-sw01
    kube.kubectlApply(device(ns, "x-sw01", "one"));
    kube.kubectlApply(device(ns, "sw01", "two"));
    try (ControlPlane plane =
            ControlPlane.start(TestControlPlanes.config(kube, natsServer, temporal, ns, Map.of()));
        Connection nats = natsServer.connect();
        FleetSimulator agents = new FleetSimulator(nats, FleetSimulator.Behaviour.instant())) {
      kube.kubectlApply(deployment(ns, "app", "one", "v1"));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(columns(kube, ns, "app")).isEqualTo("1 1 1 1"));
      kube.kubectlApply(deployment(ns, "app-x", "two", "v1"));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(columns(kube, ns, "app-x")).isEqualTo("1 1 1 1"));

      Map<String, String> deviceByDp =
          kube.client().resources(DeviceProcess.class).inNamespace(ns).list().getItems().stream()
              .collect(
                  Collectors.toMap(
                      dp -> dp.getMetadata().getLabels().get(Labels.DEPLOYMENT),
                      dp -> dp.getSpec().deviceRef().name()));
      assertThat(deviceByDp)
          .containsExactlyInAnyOrderEntriesOf(Map.of("app", "x-sw01", "app-x", "sw01"));
    }
  }

  @Test
  void aDeploymentDeletedMidRolloutEndsItsRolloutAndMovesNoMoreDevices(
      KubeTestServer kube, NatsTestServer natsServer, TemporalTestServer temporal)
      throws Exception {
    String ns = "hostile-deleted";
    kube.createNamespace(ns);
    for (int i = 1; i <= 4; i++) {
      kube.kubectlApply(device(ns, "sw0" + i, "del"));
    }
    kube.kubectlApply(device(ns, "sw11", "gone"));
    KubernetesClient client = kube.client();
    ControlPlane plane =
        ControlPlane.start(TestControlPlanes.config(kube, natsServer, temporal, ns, Map.of()));
    try (Connection nats = natsServer.connect();
        FleetSimulator agents = new FleetSimulator(nats, FleetSimulator.Behaviour.instant())) {
      try {
        kube.kubectlApply(deployment(ns, "del", "del", "v1"));
        kube.kubectlApply(deployment(ns, "gone", "gone", "v1"));
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(columns(kube, ns, "del")).isEqualTo("4 4 4 4"));
        for (int i = 1; i <= 4; i++) {
          agents.holdBack("del-sw0" + i);
        }
        agents.holdBack("gone-sw11");
        kube.kubectlApply(deployment(ns, "del", "del", "v2"));
        kube.kubectlApply(deployment(ns, "gone", "gone", "v2"));
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(atRevisionOf(client, ns, "del", "v2")).isEqualTo(1));

        kube.kubectl("delete", "dpd", "del", "-n", ns, "--wait=false");
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(temporal.cli("workflow", "describe", "-w", "rollout/" + ns + "/del"))
                        .containsPattern("Status\\s+CANCELED"));
        for (int i = 1; i <= 4; i++) {
          agents.release("del-sw0" + i); // a rollout still running would now move the rest
        }
        await()
            .during(Duration.ofSeconds(4))
            .atMost(Duration.ofSeconds(6))
            .untilAsserted(() -> assertThat(atRevisionOf(client, ns, "del", "v2")).isEqualTo(1));
      } finally {
        plane.close();
      }

      // deleted while no operator runs: the next one to start ends its rollout
      assertThat(
              temporal.cli(
                  "workflow",
                  "list",
                  "--query",
                  "WorkflowId='rollout/" + ns + "/gone' AND ExecutionStatus='Running'"))
          .contains("rollout/" + ns + "/gone");
      kube.kubectl("delete", "dpd", "gone", "-n", ns, "--wait=false");
      try (ControlPlane again =
          ControlPlane.start(TestControlPlanes.config(kube, natsServer, temporal, ns, Map.of()))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(
                            temporal.cli("workflow", "describe", "-w", "rollout/" + ns + "/gone"))
                        .containsPattern("Status\\s+CANCELED"));
      }
    }
  }

  /**
   * How many DPs of {@code deployment} are set to the revision whose artifact is {@code version}.
   */
  private static long atRevisionOf(
      KubernetesClient client, String ns, String deployment, String version) {
    List<DeviceProcess> dps =
        client
            .resources(DeviceProcess.class)
            .inNamespace(ns)
            .withLabel(Labels.DEPLOYMENT, deployment)
            .list()
            .getItems();
    return dps.stream().filter(dp -> version.equals(dp.getSpec().artifact().version())).count();
  }
}
