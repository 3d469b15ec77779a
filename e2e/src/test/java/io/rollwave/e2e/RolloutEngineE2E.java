package io.rollwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.api.Labels;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TemporalTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rollout engine on real servers and real agents: a version whose health check fails on every
 * device pauses the rollout (and, with {@code action: Rollback}, rolls it back) with no more
 * devices touched than {@code maxFailures} plus the window, and says why, naming the devices; a
 * control plane killed with SIGKILL mid-rollout is replaced and the rollout completes with every
 * device patched once; {@code spec.paused} set with kubectl holds the rollout until removed.
 */
@ExtendWith(RealServers.class)
class RolloutEngineE2E {
  private static final Path REPO = RepoLayout.find().root();
  private static final Path WORK = RepoLayout.targetDir("e2e-gate");
  private static final List<String> DEVICES = List.of("tor1-01", "tor1-02", "tor1-03");

  private final List<AutoCloseable> started = new ArrayList<>();

  @AfterEach
  void stopProcesses() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  /**
   * The deployment with a health check that passes while {@code healthFile} exists and fails the
   * device after {@code failureThreshold} failed probes a second apart, and a failure policy of
   * {@code maxFailures: 0} with {@code action}.
   */
  static String deploymentYaml(
      String ns,
      String version,
      String url,
      String sha,
      Path healthFile,
      String action,
      int failureThreshold) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: DeviceProcessDeployment
        metadata:
          name: switch-agent
          namespace: %s
        spec:
          selector:
            matchLabels: {role: tor, type: switch}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate: {maxUnavailable: 1}
          failurePolicy: {maxFailures: 0, action: %s}
          template:
            spec:
              artifact: {type: http, url: "%s", checksumSHA256: "%s", version: %s}
              execution:
                backend: exec
                command: ["/bin/sh", "${ROLLWAVE_ARTIFACT}"]
              restartPolicy: Always
              healthCheck:
                exec:
                  command: ["/bin/sh", "-c", "test -f %s"]
                periodSeconds: 1
                failureThreshold: %d
        """
        .formatted(ns, action, url, sha, version, healthFile, failureThreshold);
  }

  private Launched startFleet(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal, String ns)
      throws Exception {
    kube.createNamespace(ns);
    Launched operator = operator(kube, nats, temporal, ns, "operator-" + ns);
    for (String device : DEVICES) {
      started.add(
          Launched.switchAgent(
              REPO,
              WORK,
              "agent-" + ns + "-" + device,
              nats,
              ns,
              device,
              WORK.resolve(ns).resolve(device)));
      kube.kubectlApply(
          WalkingSkeletonE2E.switchYaml(device, "tor")
              .replace("namespace: e2e", "namespace: " + ns));
    }
    return operator;
  }

  /** The control plane (operator and worker) as its own process, as in production. */
  Launched operator(
      KubeTestServer kube,
      NatsTestServer nats,
      TemporalTestServer temporal,
      String ns,
      String name) {
    Launched operator = Launched.controlPlane(REPO, WORK, name, kube, nats, temporal, ns);
    started.add(operator);
    return operator;
  }

  /** How v1.2.4 fares on the devices it reaches. */
  private enum V2Health {
    /** Healthy at once. */
    HEALTHY,
    /** Fails its health check: two failed probes and the device counts as failed. */
    FAILING,
    /**
     * Not healthy until the test writes its health file, and not failed either: its probes fail,
     * but the threshold is far above anything a test waits for. A batch it is in stays in flight
     * until the test lets it finish, so what the test does meanwhile happens mid-batch on any
     * machine, however slow.
     */
    WITHHELD
  }

  /** v1.2.3 healthy everywhere, then v1.2.4, faring as {@code v2}; returns v1.2.4's health file. */
  private String rollOutV1ThenV2(
      KubeTestServer kube, ArtifactServer artifacts, String ns, String action, V2Health v2)
      throws Exception {
    Path good = Files.createDirectories(WORK.resolve(ns)).resolve("healthy-v1");
    Files.writeString(good, "ok");
    Path bad = WORK.resolve(ns).resolve("healthy-v2");
    Files.deleteIfExists(bad);
    if (v2 == V2Health.HEALTHY) {
      Files.writeString(bad, "ok");
    }
    int v2FailureThreshold = v2 == V2Health.WITHHELD ? 3_600 : 2;
    String v1 = artifacts.serve("/" + ns + "/v1.2.3", WalkingSkeletonE2E.artifact("v1.2.3"));
    String v2sha = artifacts.serve("/" + ns + "/v1.2.4", WalkingSkeletonE2E.artifact("v1.2.4"));
    kube.kubectlApply(
        deploymentYaml(ns, "v1.2.3", artifacts.url("/" + ns + "/v1.2.3"), v1, good, action, 2));
    await()
        .atMost(Duration.ofMinutes(3))
        .untilAsserted(
            () ->
                assertThat(kube.kubectl("get", "dpd", "switch-agent", "-n", ns, "--no-headers"))
                    .matches("switch-agent\\s+3\\s+3\\s+3\\s+3\\s+0\\s+\\S+(\\s+\\S+)?\\s*"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(dpd(kube, ns, "jsonpath={.status.currentRevision}"))
                    .as("v1.2.3 is the stable revision")
                    .isNotBlank());
    kube.kubectlApply(
        deploymentYaml(
            ns,
            "v1.2.4",
            artifacts.url("/" + ns + "/v1.2.4"),
            v2sha,
            bad,
            action,
            v2FailureThreshold));
    return bad.toString();
  }

  @Test
  void aVersionFailingItsHealthCheckPausesTheRolloutUntilResumedFromTheTemporalCli(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) throws Exception {
    String ns = "gate-pause";
    ArtifactServer artifacts = new ArtifactServer();
    started.add(artifacts);
    startFleet(kube, nats, temporal, ns);
    String healthFile = rollOutV1ThenV2(kube, artifacts, ns, "Pause", V2Health.FAILING);

    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(
                        dpd(kube, ns, "jsonpath={.status.rollout.phase}/{.status.rollout.reason}"))
                    .isEqualTo("Paused/FailureBudgetExceeded"));
    // the events follow the status: the workflow records them after it has paused
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(kube.kubectl("describe", "dpd", "switch-agent", "-n", ns))
                    .contains("RolloutPaused")
                    .contains("more than maxFailures 0")
                    .contains("DeviceUnhealthy")
                    .containsIgnoringCase("switch-agent-tor1-01 (")
                    .containsIgnoringCase("health check fail")
                    .doesNotContain("Replaced by revision"));
    theTemporalUiShowsThePausedRollout(temporal, ns);
    try (KubernetesClient client = kube.client()) {
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          versionsSetTo(client, ns).values().stream()
                              .filter("v1.2.4"::equals)
                              .count())
                      .as("devices touched: at most maxFailures (0) + window (1)")
                      .isLessThanOrEqualTo(1));

      Files.writeString(Path.of(healthFile), "fixed");
      // as an operator would: see the device recover before resuming, so the gate does not trip
      // again on a device still crash-looping from the bad health check
      await()
          .atMost(Duration.ofMinutes(3))
          .untilAsserted(
              () ->
                  assertThat(processes(client, ns))
                      .filteredOn(dp -> dp.getMetadata().getName().endsWith("tor1-01"))
                      .singleElement()
                      .satisfies(
                          dp ->
                              assertThat(io.rollwave.activities.DeviceAvailability.available(dp))
                                  .as("switch-agent-tor1-01 healthy again")
                                  .isTrue()));
      String answer =
          temporal.cli(
              "workflow",
              "update",
              "execute",
              "--workflow-id",
              "rollout/" + ns + "/switch-agent",
              "--name",
              "resumeRollout",
              "--input",
              "{\"requestedBy\":\"e2e\",\"reason\":\"health file restored\"}");
      assertThat(answer).contains("Progressing");

      awaitComplete(kube, client, ns, "v1.2.4", Duration.ofMinutes(3));
    }
  }

  @Test
  void withActionRollbackEveryMovedDeviceEndsOnTheStableVersion(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) throws Exception {
    String ns = "gate-rollback";
    ArtifactServer artifacts = new ArtifactServer();
    started.add(artifacts);
    startFleet(kube, nats, temporal, ns);
    rollOutV1ThenV2(kube, artifacts, ns, "Rollback", V2Health.FAILING);

    try (KubernetesClient client = kube.client()) {
      await()
          .atMost(Duration.ofMinutes(3))
          .untilAsserted(
              () -> {
                assertThat(
                        dpd(
                            kube,
                            ns,
                            "jsonpath={.status.conditions[?(@.type==\"RolledBack\")].status}"))
                    .isEqualTo("True");
                assertThat(runningVersions(client, ns))
                    .hasSize(3)
                    .allSatisfy((dp, v) -> assertThat(v).isEqualTo("v1.2.3"));
              });
      assertThat(dpd(kube, ns, "jsonpath={.status.rollout.phase}/{.status.rollout.reason}"))
          .isEqualTo("Aborted/RolledBack");
      assertThat(kube.kubectl("describe", "dpd", "switch-agent", "-n", ns))
          .contains("RollingBack")
          .contains("RolledBack")
          .contains("switch-agent-tor1-01");
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(versionsSetTo(client, ns).values())
                      .as("the abandoned version is not started again while the template names it")
                      .containsOnly("v1.2.3"));
    }
  }

  @Test
  void aControlPlaneKilledMidRolloutIsReplacedAndEveryDeviceIsPatchedOnce(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) throws Exception {
    String ns = "worker-kill";
    ArtifactServer artifacts = new ArtifactServer();
    started.add(artifacts);
    Launched first = startFleet(kube, nats, temporal, ns);
    try (KubernetesClient client = kube.client()) {
      String healthFile = rollOutV1ThenV2(kube, artifacts, ns, "Pause", V2Health.WITHHELD);
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> versionsSetTo(client, ns).containsValue("v1.2.4"));
      assertThat(setTo(client, ns, "v1.2.4"))
          .as("killed mid-rollout: the first batch is in flight and the rest wait")
          .isEqualTo(1);
      first.kill();
      assertThat(first.isAlive()).isFalse();
      Files.writeString(Path.of(healthFile), "ok");

      operator(kube, nats, temporal, ns, "operator-" + ns + "-successor");
      awaitComplete(kube, client, ns, "v1.2.4", Duration.ofMinutes(4));
      assertThat(processes(client, ns))
          .as(
              "generation 1 at creation, 2 after the one spec patch of the move: never patched twice")
          .allSatisfy(dp -> assertThat(dp.getMetadata().getGeneration()).isEqualTo(2L));
    }
  }

  /** A field of the deployment read with kubectl, as a user would. */
  /**
   * What a user sees in the Temporal UI while the gate holds the rollout, read through the UI
   * server's API as its pages read it (docs/ui.md): the list filtered by phase finds this run and
   * not the others, its title names the deployment and version, its current details say it is
   * paused, why, and which device failed, and the updates offered are the user's controls.
   */
  private static void theTemporalUiShowsThePausedRollout(TemporalTestServer temporal, String ns)
      throws Exception {
    TemporalUiApi ui = new TemporalUiApi(temporal.uiUrl());
    String id = "rollout/" + ns + "/switch-agent";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ui.list("RolloutPhase = 'Paused'"))
                    .as("runs listed with the filter RolloutPhase = 'Paused'")
                    .contains(id)
                    .allSatisfy(w -> assertThat(w).startsWith("rollout/")));
    assertThat(ui.list("RolloutPhase = 'Paused' AND RolloutDeployment = '" + ns + "/switch-agent'"))
        .containsExactly(id);
    assertThat(ui.summary(id)).contains(ns + "/switch-agent", "v1.2.4");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode metadata = ui.metadata(id);
              assertThat(metadata.path("currentDetails").asText())
                  .as("current details")
                  .startsWith("**Paused**")
                  .contains("v1.2.4", "Failed devices: ", "switch-agent-tor1-01")
                  .containsIgnoringCase("maxFailures");
              List<String> updates = new java.util.ArrayList<>();
              metadata
                  .path("definition")
                  .path("updateDefinitions")
                  .forEach(u -> updates.add(u.path("name").asText()));
              assertThat(updates)
                  .contains(
                      "pauseRollout",
                      "resumeRollout",
                      "promoteRollout",
                      "abortRollout",
                      "retryRollout",
                      "undoRollout");
            });
  }

  private static String dpd(KubeTestServer kube, String ns, String jsonpath) {
    return kube.kubectl("get", "dpd", "switch-agent", "-n", ns, "-o", jsonpath);
  }

  @Test
  void specPausedThroughKubectlStopsTheRolloutAndUnpausingResumesIt(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) throws Exception {
    String ns = "spec-paused";
    ArtifactServer artifacts = new ArtifactServer();
    started.add(artifacts);
    startFleet(kube, nats, temporal, ns);
    try (KubernetesClient client = kube.client()) {
      String healthFile = rollOutV1ThenV2(kube, artifacts, ns, "Pause", V2Health.WITHHELD);
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> versionsSetTo(client, ns).containsValue("v1.2.4"));
      setPaused(kube, ns, true);
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () ->
                  assertThat(
                          dpd(
                              kube,
                              ns,
                              "jsonpath={.status.rollout.phase}/{.status.rollout.reason}"))
                      .isEqualTo("Paused/SpecPaused"));
      assertThat(setTo(client, ns, "v1.2.4"))
          .as("only the batch in flight when the hold arrived")
          .isEqualTo(1);

      Files.writeString(Path.of(healthFile), "ok");
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () ->
                  assertThat(runningVersions(client, ns))
                      .as("the batch in flight finishes under the hold")
                      .containsValue("v1.2.4"));
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(setTo(client, ns, "v1.2.4")).as("held").isEqualTo(1);
                assertThat(dpd(kube, ns, "jsonpath={.status.rollout.phase}")).isEqualTo("Paused");
              });

      setPaused(kube, ns, false);
      awaitComplete(kube, client, ns, "v1.2.4", Duration.ofMinutes(3));
    }
  }

  /** Waits until every device runs {@code version} healthy and the rollout says Complete. */
  private static void awaitComplete(
      KubeTestServer kube, KubernetesClient client, String ns, String version, Duration within) {
    await()
        .atMost(within)
        .untilAsserted(
            () -> {
              assertThat(runningVersions(client, ns))
                  .hasSize(DEVICES.size())
                  .allSatisfy((dp, v) -> assertThat(v).isEqualTo(version));
              assertThat(dpd(kube, ns, "jsonpath={.status.rollout.phase}")).isEqualTo("Complete");
            });
  }

  /** {@code kubectl patch dpd switch-agent --type merge -p '{"spec":{"paused":...}}'}. */
  private static void setPaused(KubeTestServer kube, String ns, boolean paused) {
    kube.kubectl(
        "patch",
        "dpd",
        "switch-agent",
        "-n",
        ns,
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"paused\":" + paused + "}}");
  }

  private static long setTo(KubernetesClient client, String ns, String version) {
    return versionsSetTo(client, ns).values().stream().filter(version::equals).count();
  }

  private static List<DeviceProcess> processes(KubernetesClient client, String ns) {
    return client
        .resources(DeviceProcess.class)
        .inNamespace(ns)
        .withLabel(Labels.DEPLOYMENT, "switch-agent")
        .list()
        .getItems();
  }

  /** The artifact version each DeviceProcess's spec is set to. */
  private static Map<String, String> versionsSetTo(KubernetesClient client, String ns) {
    return processes(client, ns).stream()
        .collect(
            Collectors.toMap(
                dp -> dp.getMetadata().getName(), dp -> dp.getSpec().artifact().version()));
  }

  /** The version each device's agent reports running and healthy ("-" otherwise). */
  private static Map<String, String> runningVersions(KubernetesClient client, String ns) {
    return processes(client, ns).stream()
        .collect(
            Collectors.toMap(
                dp -> dp.getMetadata().getName(),
                dp ->
                    dp.getStatus() != null
                            && dp.getStatus().phase() == ProcessPhase.Running
                            && io.rollwave.activities.DeviceAvailability.available(dp)
                        ? dp.getStatus().artifactVersion()
                        : "-"));
  }
}
