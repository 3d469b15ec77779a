package io.rollwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PromoteRequest;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutInput;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control updates on Temporal's test server: each refused at once with its reason when it makes
 * no sense, each accepted one answering what changed and recorded with who asked; and what the
 * Temporal UI shows of a run (current details, search attributes, timer summaries).
 */
class RolloutControlUpdatesTest {
  static final String QUEUE = "rollouts";
  static final ControlRequest ALICE = new ControlRequest("alice", "maintenance window");

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  /** The run {@link #started} started. */
  private String firstRun;

  @BeforeEach
  void start() {
    env = RolloutTestServer.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private SimulatedFleet worker(SimulatedFleet fleet) {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RolloutWorkflowImpl.class);
    worker.registerActivitiesImplementations(fleet);
    env.start();
    return fleet;
  }

  private RolloutWorkflow started(RolloutInput input) {
    RolloutWorkflow stub =
        client.newWorkflowStub(
            RolloutWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(input.workflowId())
                .setTaskQueue(QUEUE)
                .build());
    firstRun = WorkflowClient.start(stub::run, input, null).getRunId();
    return client.newWorkflowStub(RolloutWorkflow.class, input.workflowId());
  }

  private static RolloutInput input(String maxUnavailable) {
    return RolloutInput.of("infra-system", "switch-agent", "rev-b", maxUnavailable)
        .withStableRevision("rev-a");
  }

  private FleetCounts result(RolloutInput input) {
    return client.newUntypedWorkflowStub(input.workflowId()).getResult(FleetCounts.class);
  }

  /** The inputs of the updates accepted into the run's history, as JSON, by update name. */
  private List<String> acceptedUpdates(String workflowId, String name) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasWorkflowExecutionUpdateAcceptedEventAttributes)
        .map(e -> e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest())
        .filter(r -> r.getInput().getName().equals(name))
        .map(r -> r.getInput().getArgs().getPayloads(0).getData().toStringUtf8())
        .toList();
  }

  private static void refused(Runnable update, String reason) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining(reason);
  }

  @Test
  void pauseAndResumeAreRefusedWhenSenselessAndRecordWhoAsked() throws Exception {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 2, Set.of()));
    RolloutInput input = input("1");
    RolloutWorkflow rollout = started(input);
    await().until(() -> fleet.calls() >= 1);

    refused(() -> rollout.resumeRollout(ALICE), "the rollout is not paused");
    ControlOutcome paused = rollout.pauseRollout(ALICE);
    assertThat(paused.action()).isEqualTo("pause");
    assertThat(paused.phaseAfter()).isEqualTo("Paused");
    assertThat(paused.message()).startsWith("paused by alice (maintenance window)");
    refused(
        () -> rollout.pauseRollout(new ControlRequest("bob", null)),
        "the rollout is already paused by alice (maintenance window)");
    env.sleep(Duration.ofMinutes(10));
    int moved = fleet.moves().size();
    env.sleep(Duration.ofMinutes(10));
    assertThat(fleet.moves()).as("nothing moves while paused").hasSize(moved);

    ControlOutcome resumed = rollout.resumeRollout(new ControlRequest("alice", "done"));
    assertThat(resumed.phaseBefore()).isEqualTo("Paused");
    assertThat(resumed.phaseAfter()).isEqualTo("Progressing");
    assertThat(result(input).complete()).isTrue();

    assertThat(acceptedUpdates(input.workflowId(), "pauseRollout"))
        .as("who paused and why, in the history; the refused pause is not there")
        .singleElement()
        .satisfies(json -> assertThat(json).contains("alice").contains("maintenance window"));
    assertThat(acceptedUpdates(input.workflowId(), "resumeRollout")).hasSize(1);
    assertThat(fleet.events())
        .anyMatch(e -> e.startsWith("PauseRequested: pause by alice (maintenance window): paused"))
        .anyMatch(e -> e.startsWith("ResumeRequested: resume by alice (done): resumed"));
    RolloutTestServer.replayAndRecord(client, input.workflowId(), "control-pause-resume.json");
  }

  @Test
  void promoteIsRefusedWithoutAStepAndAFullPromoteSkipsEveryStep() throws Exception {
    SimulatedFleet fleet = worker(new SimulatedFleet(10, "rev-a", 1, Set.of()));
    RolloutInput input =
        input("5")
            .withSteps(
                List.of(
                    CanaryStep.batch("1"),
                    CanaryStep.timedPause(600),
                    CanaryStep.batch("50%"),
                    CanaryStep.openPause()));
    RolloutWorkflow rollout = started(input);
    RolloutTestServer.skipUntil(env, () -> fleet.steps().contains(1));
    assertThat(fleet.at("rev-b")).hasSize(1);

    ControlOutcome promoted =
        rollout.promoteRollout(new PromoteRequest("hana", "canary looks good", true));
    assertThat(promoted.message()).startsWith("skipping every remaining canary step from step 2");
    assertThat(result(input).complete()).isTrue();
    assertThat(fleet.steps()).as("steps 3 and 4 never held the rollout").doesNotContain(2);
    assertThat(fleet.events())
        .anyMatch(e -> e.startsWith("PromoteRequested: promote by hana (canary looks good)"));
    assertThat(
            client.fetchHistory(input.workflowId()).getEvents().stream()
                .filter(HistoryEvent::hasTimerStartedEventAttributes)
                .map(e -> text(e.getUserMetadata().getSummary()))
                .collect(Collectors.toSet()))
        .as("timer summaries in the Temporal UI")
        .contains("canary pause 10 m (step 2 of 4)");
    RolloutTestServer.replayAndRecord(client, input.workflowId(), "control-promote-full.json");
  }

  @Test
  void promoteWithoutStepsIsRefused() {
    worker(new SimulatedFleet(4, "rev-a", 5, Set.of()));
    RolloutWorkflow rollout = started(input("1"));
    refused(
        () -> rollout.promoteRollout(new PromoteRequest("hana", null, false)),
        "nothing to promote: the rollout is not paused and the deployment has no canary steps");
  }

  @Test
  void abortThenRetryAndRetryIsRefusedWhenNothingFailed() throws Exception {
    SimulatedFleet fleet = worker(new SimulatedFleet(8, "rev-a", 3, Set.of()));
    RolloutInput input = input("2");
    RolloutWorkflow rollout = started(input);
    await().until(() -> fleet.at("rev-b").size() >= 2);

    refused(
        () -> rollout.retryRollout(ALICE),
        "nothing to retry: the rollout is Progressing; retryRollout is for a Degraded rollout");
    ControlOutcome aborted = rollout.abortRollout(new ControlRequest("erin", "wrong build"));
    assertThat(aborted.phaseAfter()).isEqualTo("RollingBack");
    assertThat(aborted.message()).contains("back to the stable revision rev-a");
    RolloutTestServer.skipUntil(env, () -> fleet.phase().equals("Aborted"));
    assertThat(fleet.allAt("rev-a")).isTrue();
    refused(
        () -> rollout.abortRollout(ALICE),
        "the rollout is already Aborted: retryRollout starts it");
    refused(() -> rollout.pauseRollout(ALICE), "Aborted and moves nothing");

    ControlOutcome retried = rollout.retryRollout(new ControlRequest("erin", "fixed"));
    assertThat(retried.message())
        .isEqualTo("starting the rollout of revision rev-b again from the beginning");
    assertThat(result(input).complete()).isTrue();
    assertThat(fleet.allAt("rev-b")).isTrue();
    assertThat(fleet.events())
        .anyMatch(e -> e.startsWith("AbortRequested: abort by erin (wrong build)"))
        .anyMatch(e -> e.startsWith("RetryRequested: retry by erin (fixed)"));
    RolloutTestServer.replayAndRecordRun(
        client, input.workflowId(), firstRun, 0, "control-abort.json");
    RolloutTestServer.replayAndRecordRun(
        client, input.workflowId(), firstRun, 1, "control-retry-after-abort.json");
  }

  @Test
  void undoIsRefusedForARevisionWithoutAStoredControllerRevision() throws Exception {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 3, Set.of()));
    RolloutInput input = input("2").withStoredRevisions(List.of("rev-a", "rev-b"));
    RolloutWorkflow rollout = started(input);
    await().until(() -> fleet.at("rev-b").size() >= 2);

    refused(
        () -> rollout.undoRollout(new RollbackRequest("gus", null, "rev-0")),
        "revision rev-0 has no stored ControllerRevision (never applied, or pruned by"
            + " spec.revisionHistoryLimit); stored: rev-a, rev-b");
    refused(
        () -> rollout.undoRollout(new RollbackRequest("gus", null, "rev-b")),
        "revision rev-b is the one being rolled out");
    ControlOutcome undone = rollout.undoRollout(new RollbackRequest("gus", "too slow", ""));
    assertThat(undone)
        .isEqualTo(
            new ControlOutcome(
                "undo",
                "Progressing",
                "RollingBack",
                "rolling every device not at revision rev-a back to it, through the window"));
    RolloutTestServer.skipUntil(env, () -> fleet.phase().equals("Aborted"));
    assertThat(fleet.allAt("rev-a")).isTrue();
    assertThat(fleet.phases()).contains("RollingBack/RollbackRequested", "Aborted/RolledBack");
    assertThat(fleet.events()).anyMatch(e -> e.startsWith("UndoRequested: undo by gus (too slow)"));
    RolloutTestServer.replayAndRecordRun(
        client, input.workflowId(), firstRun, 0, "control-undo.json");
  }

  @Test
  void cancellationStopsWhereTheFleetStandsAndSaysSo() throws Exception {
    SimulatedFleet fleet = worker(new SimulatedFleet(8, "rev-a", 3, Set.of()));
    RolloutInput input = input("2");
    started(input);
    await().until(() -> fleet.at("rev-b").size() >= 2);

    client.newUntypedWorkflowStub(input.workflowId()).cancel("from the Temporal UI");
    // lets the test server run the cancelled run's last workflow tasks and report activities
    env.sleep(Duration.ofSeconds(30));
    assertThatThrownBy(
            () ->
                client
                    .newUntypedWorkflowStub(input.workflowId())
                    .getResult(60, TimeUnit.SECONDS, FleetCounts.class))
        .as("the run ends Canceled")
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    int moved = fleet.moves().size();
    env.sleep(Duration.ofMinutes(10));
    assertThat(fleet.moves()).as("nothing moves, nothing is rolled back").hasSize(moved);
    assertThat(fleet.at("rev-a")).as("devices stay where they are").isNotEmpty();
    assertThat(fleet.phase()).isEqualTo("Aborted");
    assertThat(fleet.phases()).contains("Aborted/Cancelled");
    assertThat(fleet.events())
        .anyMatch(
            e ->
                e.startsWith("RolloutCancelled: Rollout of revision rev-b cancelled in Temporal")
                    && e.endsWith("change the template to start a new rollout"));
    RolloutTestServer.replayAndRecord(client, input.workflowId(), "control-cancelled.json");
  }

  @Test
  void aPausedRunShowsWhyAndTheFailedDevicesAndEverySearchAttribute() {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 1, Set.of(), Set.of("tor-000")));
    RolloutInput input =
        new RolloutInput(
            "infra-system",
            "switch-agent",
            "rev-b",
            "2",
            null,
            null,
            null,
            "0",
            "Pause",
            null,
            30,
            "rev-a",
            null,
            null,
            "v1.2.4",
            null);
    started(input);
    RolloutTestServer.skipUntil(env, () -> fleet.phase().equals("Paused"));

    String details =
        client
            .newUntypedWorkflowStub(input.workflowId())
            .query("__temporal_workflow_metadata", WorkflowMetadata.class)
            .getCurrentDetails();
    assertThat(details)
        .startsWith(
            "**Paused**: Rolling switch-agent out to v1.2.4 (revision rev-b) in infra-system")
        .contains("Paused by failure-gate (1 devices failed at revision rev-b")
        .contains("Failed devices: tor-000 (Health check failed)");

    Map<String, Payload> attributes =
        env.getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(input.workflowId()))
                    .build())
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .getIndexedFieldsMap();
    assertThat(attributes.keySet())
        .as("every registered search attribute is set")
        .containsAll(RegisteredSearchAttributes.all().keySet());
    assertThat(text(attributes.get("RolloutPhase"))).isEqualTo("Paused");
    assertThat(text(attributes.get("RolloutDevicesTotal"))).isEqualTo("6");
    assertThat(text(attributes.get("RolloutDevicesFailed"))).isEqualTo("1");
    assertThat(
            client.fetchHistory(input.workflowId()).getEvents().stream()
                .filter(HistoryEvent::hasTimerStartedEventAttributes)
                .map(e -> text(e.getUserMetadata().getSummary())))
        .as("the poll timer says why it waits")
        .contains("bake 30 s: look at the fleet again in 15 s");
  }

  private static String text(Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE
        .fromPayload(payload, Object.class, Object.class)
        .toString();
  }
}
