package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.api.Labels;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.deployment.DeviceProcessTemplate;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.ProcessTemplateSpec;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.RealServers;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** BatchMover against a real kube-apiserver: the window, the patch and the counts. */
@ExtendWith(RealServers.class)
class BatchMoverIT {
  private static final String SHA_V1 = "1".repeat(64);
  private static final String SHA_V2 = "2".repeat(64);
  private static KubernetesClient client;

  @BeforeAll
  static void connect(KubeTestServer kube) {
    client = kube.client();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static ProcessTemplateSpec template(String version, String sha) {
    return new ProcessTemplateSpec(
        new Artifact(ArtifactType.HTTP, "https://artifacts.example/agent-" + version, sha, version),
        new Execution(Backend.EXEC, List.of("/opt/agent"), null, null, null, null, null),
        RestartPolicy.Always,
        null);
  }

  /** A namespace with {@code count} devices on rev1, all Running and healthy, and rev2 stored. */
  private static String fleet(String ns, int count, String partitionKey) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    for (String rev : List.of("rev1", "rev2")) {
      ProcessTemplateSpec spec =
          rev.equals("rev1") ? template("v1", SHA_V1) : template("v2", SHA_V2);
      client
          .apps()
          .controllerRevisions()
          .inNamespace(ns)
          .resource(
              new ControllerRevisionBuilder()
                  .withNewMetadata()
                  .withName(Labels.controllerRevisionName("agent", rev))
                  .endMetadata()
                  .withRevision(rev.equals("rev1") ? 1L : 2L)
                  .withData(
                      client
                          .getKubernetesSerialization()
                          .convertValue(new DeviceProcessTemplate(null, spec), Map.class))
                  .build())
          .create();
    }
    for (int i = 0; i < count; i++) {
      String name = String.format("agent-tor-%02d", i);
      DeviceProcess dp = new DeviceProcess();
      dp.setMetadata(
          new ObjectMetaBuilder()
              .withName(name)
              .withLabels(
                  Map.of(
                      Labels.DEPLOYMENT,
                      "agent",
                      Labels.REVISION,
                      "rev1",
                      partitionKey,
                      "rack" + (i % 2)))
              .build());
      dp.setSpec(
          DeviceProcessSpec.of(
              new DeviceRef("NetworkSwitch", "tor-" + i, null), template("v1", SHA_V1)));
      client.resources(DeviceProcess.class).inNamespace(ns).resource(dp).create();
      report(ns, name, "rev1", true);
    }
    return ns;
  }

  private static void report(String ns, String name, String revision, boolean healthy) {
    DeviceProcess dp = client.resources(DeviceProcess.class).inNamespace(ns).withName(name).get();
    dp.setStatus(status(revision, healthy));
    client.resource(dp).updateStatus();
  }

  /** Running at {@code revision}, healthy or not. */
  private static DeviceProcessStatus status(String revision, boolean healthy) {
    return new DeviceProcessStatus(
        ProcessPhase.Running,
        List.of(
            new Condition(
                "Healthy",
                healthy ? ConditionStatus.TRUE : ConditionStatus.FALSE,
                null,
                null,
                null,
                null)),
        revision.equals("rev1") ? "v1" : "v2",
        100L,
        null,
        0,
        null,
        revision,
        null);
  }

  private static DeviceProcess get(String ns, String name) {
    return client.resources(DeviceProcess.class).inNamespace(ns).withName(name).get();
  }

  @Test
  void aReadOfTheFleetPagesThroughMoreThanOneListChunk() {
    String ns = "paged";
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    int devices = 2 * (int) DeploymentProcesses.LIST_CHUNK + 101;
    IntStream.range(0, devices + 3)
        .parallel()
        .forEach(
            i -> {
              DeviceProcess dp = new DeviceProcess();
              dp.setMetadata(
                  new ObjectMetaBuilder()
                      .withName("dp-" + i)
                      .withLabels(Map.of(Labels.DEPLOYMENT, i < devices ? "agent" : "other"))
                      .build());
              dp.setSpec(
                  DeviceProcessSpec.of(
                      new DeviceRef("NetworkSwitch", "tor-" + i, null), template("v1", SHA_V1)));
              client.resources(DeviceProcess.class).inNamespace(ns).resource(dp).create();
            });

    List<Integer> progress = new ArrayList<>();
    List<DeviceProcess> read = DeploymentProcesses.listed(client, progress::add).of(ns, "agent");

    assertThat(read.stream().map(dp -> dp.getMetadata().getName()).distinct())
        .hasSize(devices)
        .allMatch(name -> Integer.parseInt(name.substring(3)) < devices);
    assertThat(progress)
        .as("read so far, after each page")
        .hasSizeGreaterThanOrEqualTo(3)
        .isSorted();
    assertThat(progress.get(progress.size() - 1)).isEqualTo(devices);
  }

  @Test
  void movesAsManyAsTheWindowAllowsAndSetsTheirSpecToTheRevision() {
    String ns = fleet("batch-window", 5, "rack");
    BatchMover mover = new BatchMover(client);
    RolloutInput input = RolloutInput.of(ns, "agent", "rev2", "2");

    BatchResult first = mover.move(input, n -> {});
    assertThat(first.moved()).isEqualTo(2);
    assertThat(first.window()).isEqualTo(2);
    assertThat(first.fleet()).isEqualTo(new FleetCounts(5, 2, 0, 2));
    DeviceProcess moved = get(ns, "agent-tor-00");
    assertThat(moved.getMetadata().getLabels()).containsEntry(Labels.REVISION, "rev2");
    assertThat(moved.getSpec().artifact().checksumSHA256()).isEqualTo(SHA_V2);
    assertThat(moved.getSpec().deviceRef().name()).isEqualTo("tor-0");
    assertThat(get(ns, "agent-tor-02").getSpec().artifact().checksumSHA256()).isEqualTo(SHA_V1);

    assertThat(mover.move(input, n -> {}).moved()).as("window full").isZero();

    report(ns, "agent-tor-00", "rev2", true);
    BatchResult third = mover.move(input, n -> {});
    assertThat(third.moved()).isEqualTo(1);
    assertThat(third.fleet()).isEqualTo(new FleetCounts(5, 3, 1, 2));
    assertThat(get(ns, "agent-tor-02").getMetadata().getLabels())
        .containsEntry(Labels.REVISION, "rev2");
  }

  @Test
  void aCacheThatLooksCompleteEndsNothingTheApiServerDisagreesWith() {
    String ns = fleet("batch-lagging-cache", 3, "rack");
    RolloutInput input = RolloutInput.of(ns, "agent", "rev2", "3");
    // a cache that has not seen the deployment's DPs yet: nothing in it, so nothing left to do
    BatchMover lagging = new BatchMover(client, (namespace, deployment) -> List.of());

    BatchResult result = lagging.move(input, n -> {});

    assertThat(result.fleet().complete()).as("the API server has 3 DPs at rev1").isFalse();
    assertThat(result.moved()).as("moved from the API server's read").isEqualTo(3);
    for (String device : List.of("agent-tor-00", "agent-tor-01", "agent-tor-02")) {
      report(ns, device, "rev2", true);
    }
    AtomicInteger confirmed = new AtomicInteger();
    // a source that has caught up: the API server's own read
    BatchMover current = new BatchMover(client);
    assertThat(current.move(input, confirmed::set).fleet().complete()).isTrue();
    assertThat(confirmed.get()).as("the confirming read's progress").isEqualTo(3);
  }

  @Test
  void aDeviceReportingTheOldRevisionIsNotAvailable() {
    String ns = fleet("batch-stale", 2, "rack");
    BatchMover mover = new BatchMover(client);
    RolloutInput input = RolloutInput.of(ns, "agent", "rev2", "1");
    mover.move(input, n -> {});
    report(ns, "agent-tor-00", "rev1", true);

    assertThat(mover.move(input, n -> {}).moved())
        .as("agent still reports rev1 for a DP set to rev2")
        .isZero();
  }

  @Test
  void respectsThePerPartitionLimit() {
    String ns = fleet("batch-partition", 6, "rack");
    BatchMover mover = new BatchMover(client);
    RolloutInput input =
        new RolloutInput(
            ns, "agent", "rev2", "100%", "rack", "1", null, null, null, null, null, null, null,
            null, null, null);

    BatchResult result = mover.move(input, n -> {});

    assertThat(result.moved()).isEqualTo(2);
    assertThat(get(ns, "agent-tor-00").getMetadata().getLabels())
        .containsEntry(Labels.REVISION, "rev2");
    assertThat(get(ns, "agent-tor-01").getMetadata().getLabels())
        .containsEntry(Labels.REVISION, "rev2");
  }

  @Test
  void missingRevisionFailsWithWhatToDo() {
    String ns = fleet("batch-missing", 1, "rack");
    RolloutInput input = RolloutInput.of(ns, "agent", "rev9", "1");
    assertThatThrownBy(() -> new BatchMover(client).move(input, n -> {}))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("ControllerRevision " + ns + "/agent-rev9 not found")
        .hasMessageContaining("re-apply the DeviceProcessDeployment");
  }

  @Test
  void eachPatchTheApiServerRefusesIsAWarningEventNamingItsDeviceAndTheBatchFails() {
    String ns = fleet("batch-refused", 2, "rack");
    // a template the API server's schema refuses: its checksum is not a sha256
    client
        .apps()
        .controllerRevisions()
        .inNamespace(ns)
        .resource(
            new ControllerRevisionBuilder()
                .withNewMetadata()
                .withName(Labels.controllerRevisionName("agent", "rev3"))
                .endMetadata()
                .withRevision(3L)
                .withData(
                    client
                        .getKubernetesSerialization()
                        .convertValue(
                            new DeviceProcessTemplate(null, template("v3", "not-a-sha")),
                            Map.class))
                .build())
        .create();
    List<RolloutEvent> events = new CopyOnWriteArrayList<>();
    BatchMover mover =
        new BatchMover(
            client,
            DeploymentProcesses.listed(client),
            AgentReports.NONE,
            PatchAdmission.ALWAYS,
            events::add);

    assertThatThrownBy(() -> mover.move(RolloutInput.of(ns, "agent", "rev3", "2"), n -> {}))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(events)
        .as("one Warning per refused device")
        .extracting(RolloutEvent::type, RolloutEvent::reason)
        .containsOnly(tuple(RolloutEvent.WARNING, "PatchFailed"));
    assertThat(events)
        .extracting(RolloutEvent::message)
        .anySatisfy(m -> assertThat(m).startsWith("cannot set agent-tor-00 to revision rev3: "))
        .anySatisfy(m -> assertThat(m).startsWith("cannot set agent-tor-01 to revision rev3: "))
        .hasSize(2);
    assertThat(get(ns, "agent-tor-00").getMetadata().getLabels())
        .containsEntry(Labels.REVISION, "rev1");
  }

  @Test
  void countsReportedFailuresAndDevicesPastTheProgressDeadline() {
    String ns = fleet("batch-failed", 3, "rack");
    BatchMover mover = new BatchMover(client);
    RolloutInput input =
        new RolloutInput(
            ns, "agent", "rev2", "3", null, null, null, "0", "Pause", 2, null, null, null, null,
            null, null);

    assertThat(mover.move(input, n -> {}).moved()).isEqualTo(3);
    report(ns, "agent-tor-00", "rev2", false);
    report(ns, "agent-tor-01", "rev2", true);
    assertThat(DeviceAvailability.reportedFailed(get(ns, "agent-tor-00")))
        .as("tor-00 reports Healthy=False at rev2")
        .isTrue();
    assertThat(DeviceAvailability.reportedFailed(get(ns, "agent-tor-01"))).isFalse();
    assertThat(mover.move(input, n -> {}).fleet().failed()).isGreaterThanOrEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(mover.move(input, n -> {}).fleet().failed())
                    .as("tor-02 never reported and its 2 s deadline passed")
                    .isEqualTo(2));
    assertThat(get(ns, "agent-tor-02").getMetadata().getAnnotations())
        .containsKey(Labels.REVISION_SET_AT);
    assertThat(mover.move(input, n -> {}).failedDevices())
        .as("failed devices by name, with why")
        .extracting(FailedDevice::name)
        .containsExactly("agent-tor-00", "agent-tor-02");
    assertThat(mover.move(input, n -> {}).failedDevices().get(1).reason())
        .contains("progressDeadlineSeconds");
  }

  @Test
  void aDevicePastTheDeadlineWhoseAgentReportsItReadyIsNotCountedFailed() {
    String ns = fleet("batch-agent-word", 2, "rack");
    // tor-00's agent has reported rev2 ready; the API server has not been told yet (a backlog)
    AgentReports agents =
        dp -> dp.getMetadata().getName().equals("agent-tor-00") ? status("rev2", true) : null;
    BatchMover mover =
        new BatchMover(client, DeploymentProcesses.listed(client), agents, PatchAdmission.ALWAYS);
    RolloutInput input =
        new RolloutInput(
            ns, "agent", "rev2", "2", null, null, null, "0", "Pause", 1, null, null, null, null,
            null, null);

    assertThat(mover.move(input, n -> {}).moved()).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(mover.move(input, n -> {}).failedDevices())
                    .as("only tor-01, which its agent does not say is ready, is late")
                    .extracting(FailedDevice::name)
                    .containsExactly("agent-tor-01"));
    BatchResult byTheApiServerAlone = new BatchMover(client).move(input, n -> {});
    assertThat(byTheApiServerAlone.fleet().failed()).as("both look late there").isEqualTo(2);
    assertThat(mover.move(input, n -> {}).fleet().updatedAvailable())
        .as("tor-00 is not available until the API server shows it")
        .isZero();
  }

  @Test
  void noPatchIsSentWhileAgentsReportsWaitToBeWritten() throws Exception {
    String ns = fleet("batch-backlog", 4, "rack");
    AtomicInteger waiting = new AtomicInteger(100);
    AtomicInteger asked = new AtomicInteger();
    ReportBacklog backlog =
        () -> {
          asked.incrementAndGet();
          return waiting.get();
        };
    BatchMover mover =
        new BatchMover(
            client,
            DeploymentProcesses.listed(client),
            AgentReports.NONE,
            new PatchAdmission(backlog, 32, Duration.ofMinutes(5)));
    RolloutInput input = RolloutInput.of(ns, "agent", "rev2", "2");

    CompletableFuture<BatchResult> batch =
        CompletableFuture.supplyAsync(() -> mover.move(input, n -> {}));
    await().atMost(Duration.ofSeconds(30)).until(() -> asked.get() >= 10);
    assertThat(revisions(ns)).as("held back: still all rev1").containsOnly("rev1");

    waiting.set(31);
    assertThat(batch.get(30, TimeUnit.SECONDS).moved()).isEqualTo(2);
    assertThat(revisions(ns)).containsExactlyInAnyOrder("rev1", "rev1", "rev2", "rev2");
  }

  @Test
  void aBacklogThatNeverDrainsHoldsEachPatchOnlyBrieflyAndLosesNone() {
    String ns = fleet("batch-stuck-bridge", 4, "rack");
    BatchMover mover =
        new BatchMover(
            client,
            DeploymentProcesses.listed(client),
            AgentReports.NONE,
            new PatchAdmission(() -> 1_000, 32, Duration.ofMillis(50)));

    assertThat(mover.move(RolloutInput.of(ns, "agent", "rev2", "4"), n -> {}).moved()).isEqualTo(4);
    assertThat(revisions(ns)).containsOnly("rev2");
  }

  private static List<String> revisions(String ns) {
    return client.resources(DeviceProcess.class).inNamespace(ns).list().getItems().stream()
        .map(dp -> dp.getMetadata().getLabels().get(Labels.REVISION))
        .toList();
  }

  @Test
  void previewListsTheBatchesAndMovesNothing() {
    String ns = fleet("batch-preview", 5, "rack");
    PlanSummary plan = new BatchMover(client).preview(RolloutInput.of(ns, "agent", "rev2", "2"));
    assertThat(plan.devices()).isEqualTo(5);
    assertThat(plan.batchSizes()).containsExactly(2, 2, 1);
    assertThat(plan.firstBatches().get(0)).containsExactly("agent-tor-00", "agent-tor-01");
    assertThat(get(ns, "agent-tor-00").getMetadata().getLabels())
        .containsEntry(Labels.REVISION, "rev1");
  }

  @Test
  void aCanaryStepBoundsTheBatchAndRecreateTakesTheWholeFleet() {
    String ns = fleet("batch-step", 4, "rack");
    BatchMover mover = new BatchMover(client);
    RolloutInput input = RolloutInput.of(ns, "agent", "rev2", "100%");

    assertThat(mover.move(input, "1", n -> {}).moved()).isEqualTo(1);
    assertThat(mover.move(input, "50%", n -> {}).moved())
        .as("half the fleet at the revision: one more")
        .isEqualTo(1);
    RolloutInput recreate =
        new RolloutInput(
            ns,
            "agent",
            "rev2",
            "1",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "Recreate",
            null,
            null);
    assertThat(mover.move(recreate, null, n -> {}).moved()).isEqualTo(2);
  }
}
