package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nats.client.Connection;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.TemporalTestServer;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control plane on real kube-apiserver, NATS and Temporal, with stand-in agents on NATS:
 * membership, desired state, status, the rollout workflow and the window, through kubectl.
 */
@ExtendWith(RealServers.class)
class ControlPlaneIT {
  private static final String NS = "cp-it";
  private static ControlPlane plane;
  private static Connection nats;
  private static FleetSimulator agents;
  private static KubernetesClient client;

  static String switchYaml(String name, String rack, String role) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: NetworkSwitch
        metadata:
          name: %s
          namespace: cp-it
          labels: {role: %s, type: switch, rack: %s}
        spec: {}
        """
        .formatted(name, role, rack);
  }

  static String deploymentYaml(String version, String sha) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: DeviceProcessDeployment
        metadata:
          name: switch-agent
          namespace: cp-it
        spec:
          selector:
            matchLabels: {role: tor, type: switch}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate:
              maxUnavailable: 2
          template:
            spec:
              artifact:
                type: http
                url: https://artifacts.example/switch-agent-%s
                checksumSHA256: "%s"
                version: %s
              execution:
                backend: exec
                command: ["${ROLLWAVE_ARTIFACT}"]
        """
        .formatted(version, sha, version);
  }

  @BeforeAll
  static void start(KubeTestServer kube, NatsTestServer natsServer, TemporalTestServer temporal)
      throws Exception {
    kube.createNamespace(NS);
    client = kube.client();
    plane = ControlPlane.start(TestControlPlanes.config(kube, natsServer, temporal, NS, Map.of()));
    nats = natsServer.connect();
    agents = new FleetSimulator(nats, FleetSimulator.Behaviour.instant());
  }

  @AfterAll
  static void stop() throws Exception {
    agents.close();
    plane.close();
    nats.close();
    client.close();
  }

  @Test
  void rollsOutThroughTheWindowAndFollowsMembership(
      KubeTestServer kube, TemporalTestServer temporal) throws Exception {
    for (int i = 1; i <= 6; i++) {
      kube.kubectlApply(switchYaml("tor-0" + i, "rack" + (i % 2), "tor"));
    }
    kube.kubectlApply(deploymentYaml("v1", "1".repeat(64)));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(kube.kubectl("get", "dpd", "switch-agent", "-n", NS, "--no-headers"))
                    .matches("switch-agent\\s+6\\s+6\\s+6\\s+6\\s+0\\s+\\S+(\\s+\\S+)?\\s*"));
    DeviceProcess dp =
        client.resources(DeviceProcess.class).inNamespace(NS).withName("switch-agent-tor-01").get();
    assertThat(dp.getMetadata().getLabels())
        .containsEntry("app", "switch-agent")
        .containsEntry("rack", "rack1")
        .containsKey(Labels.REVISION);
    assertThat(dp.getStatus().artifactVersion()).isEqualTo("v1");
    assertThat(
            nats.keyValue(Buckets.DESIRED)
                .get(
                    new DeviceKey(NS, "NetworkSwitch", "tor-01")
                        .processKey(new ProcessId(NS, "switch-agent-tor-01"))))
        .isNotNull();
    String v1 = revisionOf("switch-agent");
    assertThat(
            client
                .apps()
                .controllerRevisions()
                .inNamespace(NS)
                .withName("switch-agent-" + v1)
                .get())
        .isNotNull();

    // v2: two devices held back so the window has to wait for them
    agents.holdBack("switch-agent-tor-01");
    agents.holdBack("switch-agent-tor-02");
    AtomicInteger maxUnavailable = new AtomicInteger();
    kube.kubectlApply(deploymentYaml("v2", "2".repeat(64)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(revisionOf("switch-agent")).isNotEqualTo(v1));
    String v2 = revisionOf("switch-agent");
    // the two held-back devices fill the window: it stays at two devices moved
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              maxUnavailable.accumulateAndGet(unavailable(), Math::max);
              assertThat(countAt(v2)).as("window full with held-back devices").isEqualTo(2);
            });
    agents.release("switch-agent-tor-01");
    agents.release("switch-agent-tor-02");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> {
              maxUnavailable.accumulateAndGet(unavailable(), Math::max);
              assertThat(countAt(v2)).isEqualTo(6);
              assertThat(kube.kubectl("get", "dpd", "switch-agent", "-n", NS, "--no-headers"))
                  .matches("switch-agent\\s+6\\s+6\\s+6\\s+6\\s+0\\s+\\S+(\\s+\\S+)?\\s*");
            });
    assertThat(maxUnavailable.get()).as("most devices unavailable at once").isLessThanOrEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        temporal.cli(
                            "workflow",
                            "list",
                            "--query",
                            "RolloutDeployment='cp-it/switch-agent' AND RolloutRevision='"
                                + v2
                                + "' AND RolloutPhase='Complete'"))
                    .contains("rollout/cp-it/switch-agent"));

    String described = kube.kubectl("describe", "dpd", "switch-agent", "-n", NS);
    assertThat(described)
        .contains("RolloutStarted")
        .contains("Starting rollout of revision " + v2)
        .containsPattern("RolloutProgress\\s+\\S+\\s+rollwave-rollout\\s+Updated \\d/6 devices")
        .contains("RolloutComplete")
        .contains("All 6 devices run revision " + v2);

    // membership: a seventh matching device gets a DP at v2, relabelled it loses it
    kube.kubectlApply(switchYaml("tor-07", "rack1", "tor"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              DeviceProcess added =
                  client
                      .resources(DeviceProcess.class)
                      .inNamespace(NS)
                      .withName("switch-agent-tor-07")
                      .get();
              assertThat(added).isNotNull();
              assertThat(added.getMetadata().getLabels()).containsEntry(Labels.REVISION, v2);
            });
    kube.kubectlApply(switchYaml("tor-07", "rack1", "spine"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .resources(DeviceProcess.class)
                            .inNamespace(NS)
                            .withName("switch-agent-tor-07")
                            .get())
                    .isNull());

    // v3 with revisionHistoryLimit 0: only the live revisions (v3 rolling out, v2 current) stay
    kube.kubectl(
        "patch",
        "dpd",
        "switch-agent",
        "-n",
        NS,
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"revisionHistoryLimit\":0,\"template\":{\"spec\":{\"artifact\":"
            + "{\"version\":\"v3\",\"checksumSHA256\":\""
            + "3".repeat(64)
            + "\"}}}}}");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .apps()
                            .controllerRevisions()
                            .inNamespace(NS)
                            .withLabel(Labels.DEPLOYMENT, "switch-agent")
                            .list()
                            .getItems())
                    .extracting(cr -> cr.getMetadata().getName())
                    .containsExactlyInAnyOrder(
                        "switch-agent-" + v2, "switch-agent-" + revisionOf("switch-agent"))
                    .doesNotContain("switch-agent-" + v1));
  }

  private static String revisionOf(String dpd) {
    DeviceProcessDeployment d =
        client.resources(DeviceProcessDeployment.class).inNamespace(NS).withName(dpd).get();
    return d.getStatus() == null ? "" : String.valueOf(d.getStatus().updateRevision());
  }

  private static List<DeviceProcess> processes() {
    return client
        .resources(DeviceProcess.class)
        .inNamespace(NS)
        .withLabel(Labels.DEPLOYMENT, "switch-agent")
        .list()
        .getItems();
  }

  private static long countAt(String revision) {
    return processes().stream()
        .filter(dp -> revision.equals(dp.getMetadata().getLabels().get(Labels.REVISION)))
        .count();
  }

  private static int unavailable() {
    return (int)
        processes().stream()
            .filter(dp -> !io.rollwave.activities.DeviceAvailability.available(dp))
            .count();
  }

  /**
   * The run the operator started says what it rolls out, and knows the revisions the operator
   * stored: undo to another is refused, as is a resume that spec.paused forbids.
   */
  private static void heldRolloutNamesItsVersionAndRefusesSenselessControls(
      TemporalTestServer temporal, String v1, String v2) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    try {
      WorkflowClient workflows =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(TemporalTestServer.NAMESPACE)
                  .build());
      String id = "rollout/" + NS + "/leaf-agent";
      WorkflowStub rollout = workflows.newUntypedWorkflowStub(id);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(
                          rollout
                              .query("__temporal_workflow_metadata", WorkflowMetadata.class)
                              .getCurrentDetails())
                      .as("current details of the run rolling out v2")
                      .startsWith(
                          "**Paused**: Rolling leaf-agent out to v2 (revision " + v2 + ") in cp-it")
                      .contains("Paused by spec.paused"));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          workflows
                              .listExecutions("WorkflowId = '" + id + "'")
                              .map(run -> run.getExecution().getRunId())
                              .map(
                                  run ->
                                      workflows.newUntypedWorkflowStub(
                                          id, Optional.of(run), Optional.empty()))
                              .map(run -> run.describe().getStaticSummary())
                              .toList())
                      .as("the run the operator started names what it rolls out")
                      .contains("Roll out cp-it/leaf-agent to v1 (revision " + v1 + ")"));
      assertThatThrownBy(
              () ->
                  rollout.update(
                      "undoRollout",
                      ControlOutcome.class,
                      new RollbackRequest("it", null, "0123456789")))
          .hasStackTraceContaining("revision 0123456789 has no stored ControllerRevision")
          .hasStackTraceContaining(v1)
          .hasStackTraceContaining(v2);
      assertThatThrownBy(
              () ->
                  rollout.update(
                      "resumeRollout", ControlOutcome.class, new ControlRequest("it", null)))
          .hasStackTraceContaining("kubectl patch dpd leaf-agent -n cp-it --type merge");
    } finally {
      service.shutdown();
    }
  }

  @Test
  void specPausedHoldsTheRolloutUntilRemoved(KubeTestServer kube, TemporalTestServer temporal) {
    for (int i = 1; i <= 3; i++) {
      kube.kubectlApply(switchYaml("leaf-0" + i, "rack1", "leaf"));
    }
    String leaf =
        deploymentYaml("v1", "1".repeat(64))
            .replace("name: switch-agent", "name: leaf-agent")
            .replace("role: tor", "role: leaf")
            .replace("  selector:", "  minReadySeconds: 2\n  selector:");
    kube.kubectlApply(leaf);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(kube.kubectl("get", "dpd", "leaf-agent", "-n", NS, "--no-headers"))
                    .matches("leaf-agent\\s+3\\s+3\\s+3\\s+3\\s+0\\s+\\S+(\\s+\\S+)?\\s*"));
    String v1 = revisionOf("leaf-agent");

    kube.kubectl(
        "patch",
        "dpd",
        "leaf-agent",
        "-n",
        NS,
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"paused\":true}}");
    kube.kubectlApply(
        leaf.replace("/switch-agent-v1", "/switch-agent-v2")
            .replace("1".repeat(64), "2".repeat(64))
            .replace("version: v1", "version: v2")
            .replace("  selector:", "  paused: true\n  selector:"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(revisionOf("leaf-agent")).isNotEqualTo(v1);
              assertThat(
                      temporal.cli(
                          "workflow",
                          "list",
                          "--query",
                          "RolloutDeployment='cp-it/leaf-agent' AND RolloutPhase='Paused'"))
                  .contains("rollout/cp-it/leaf-agent");
              assertThat(
                      kube.kubectl(
                          "get",
                          "dpd",
                          "leaf-agent",
                          "-n",
                          NS,
                          "-o",
                          "jsonpath={.status.rollout.phase}"))
                  .isEqualTo("Paused");
            });
    String v2 = revisionOf("leaf-agent");
    assertThat(countAt("leaf-agent", v2)).as("no device moves while spec.paused").isZero();
    heldRolloutNamesItsVersionAndRefusesSenselessControls(temporal, v1, v2);
    String plan =
        PlanMain.render(
            client
                .resources(DeviceProcessDeployment.class)
                .inNamespace(NS)
                .withName("leaf-agent")
                .get(),
            client
                .resources(DeviceProcess.class)
                .inNamespace(NS)
                .withLabel(Labels.DEPLOYMENT, "leaf-agent")
                .list()
                .getItems());
    assertThat(plan)
        .contains("revision " + v2 + ", 3 devices (0 already at it, 0 unavailable now)")
        .contains("window: 2 devices (maxUnavailable 2)")
        .contains("batch 1 (2): leaf-agent-leaf-01 leaf-agent-leaf-02")
        .contains("batch 2 (1): leaf-agent-leaf-03")
        .contains("spec.paused is true");

    kube.kubectl(
        "patch",
        "dpd",
        "leaf-agent",
        "-n",
        NS,
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"paused\":false}}");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(countAt("leaf-agent", v2)).isEqualTo(3);
              assertThat(
                      kube.kubectl(
                          "get",
                          "dpd",
                          "leaf-agent",
                          "-n",
                          NS,
                          "-o",
                          "jsonpath={.status.rollout.phase}"))
                  .isEqualTo("Complete");
            });
  }

  private static long countAt(String dpd, String revision) {
    return client
        .resources(DeviceProcess.class)
        .inNamespace(NS)
        .withLabel(Labels.DEPLOYMENT, dpd)
        .list()
        .getItems()
        .stream()
        .filter(dp -> revision.equals(dp.getMetadata().getLabels().get(Labels.REVISION)))
        .count();
  }
}
