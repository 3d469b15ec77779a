package io.rollwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutProgress;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RolloutWorkflow on Temporal's test server with time skipping, over a simulated fleet. */
class RolloutWorkflowTest {
  static final String QUEUE = "rollouts";

  static final Path HISTORIES = RolloutTestServer.HISTORIES;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = RolloutTestServer.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static RolloutInput input(String revision, String maxUnavailable) {
    return RolloutInput.of("infra-system", "switch-agent", revision, maxUnavailable);
  }

  private RolloutWorkflow stub(RolloutInput input) {
    return client.newWorkflowStub(
        RolloutWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(input.workflowId()).setTaskQueue(QUEUE).build());
  }

  private void replayAndRecord(String workflowId, String file) throws Exception {
    RolloutTestServer.replayAndRecord(client, workflowId, file);
  }

  private RolloutWorkflow existing(RolloutInput input) {
    return client.newWorkflowStub(RolloutWorkflow.class, input.workflowId());
  }

  private SimulatedFleet worker(SimulatedFleet fleet) {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RolloutWorkflowImpl.class);
    worker.registerActivitiesImplementations(fleet);
    env.start();
    return fleet;
  }

  @Test
  void signalledWaitsShareOnePollTimer() {
    SimulatedFleet fleet = worker(new SimulatedFleet(10, "rev-a", 1, Set.of()));
    RolloutInput input = input("rev-b", "2");
    WorkflowClient.start(stub(input)::run, input, null);
    RolloutWorkflow running = existing(input);
    WorkflowStub untyped = WorkflowStub.fromTyped(running);

    // nothing waits on the result, so the test server does not skip time: the rollout moves on
    // the signals alone, as it does with the operator's fleet signaller, and no poll timer fires
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              try {
                running.fleetChanged(new FleetCounts(10, 0, 0, 0));
                return false;
              } catch (WorkflowNotFoundException completed) {
                return true;
              }
            });
    assertThat(untyped.getResult(FleetCounts.class)).isEqualTo(new FleetCounts(10, 10, 10, 0));
    assertThat(fleet.allAt("rev-b")).isTrue();

    List<String> events =
        client.fetchHistory(input.workflowId()).getEvents().stream()
            .map(e -> e.getEventType().name())
            .toList();
    assertThat(events.stream().filter("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED"::equals).count())
        .as("batches, each after a signalled wait")
        .isGreaterThan(3);
    assertThat(events.stream().filter("EVENT_TYPE_TIMER_STARTED"::equals).count())
        .as("poll timers started")
        .isEqualTo(1);
  }

  @Test
  void rollsEveryDeviceToTheRevisionNeverExceedingTheWindow() throws Exception {
    SimulatedFleet fleet = worker(new SimulatedFleet(10, "rev-a", 2, Set.of()));
    RolloutInput input = input("rev-b", "3");

    FleetCounts result = stub(input).run(input, null);

    assertThat(result).isEqualTo(new FleetCounts(10, 10, 10, 0));
    assertThat(fleet.allAt("rev-b")).isTrue();
    assertThat(fleet.maxUnavailableSeen()).isEqualTo(3);
    assertThat(fleet.moves()).hasSize(10).doesNotHaveDuplicates();

    RolloutProgress progress = existing(input).progress();
    assertThat(progress.phase()).isEqualTo("Complete");
    assertThat(progress.devicesMoved()).isEqualTo(10);
    assertThat(progress.window()).isEqualTo(3);
    assertThat(fleet.events())
        .startsWith("RolloutStarted: Starting rollout of revision rev-b")
        .contains("RolloutProgress: Updated 3/10 devices", "RolloutProgress: Updated 10/10 devices")
        .endsWith("RolloutComplete: All 10 devices run revision rev-b");
    assertThat(fleet.phases())
        .as("phases written to the deployment's status.rollout")
        .containsExactly("Progressing/RolloutInProgress", "Complete/RolloutComplete");

    replayAndRecord(input.workflowId(), "rollout-10-devices-with-events.json");
  }

  @Test
  void percentWindowScalesWithTheFleet() {
    SimulatedFleet fleet = worker(new SimulatedFleet(20, "rev-a", 1, Set.of()));
    RolloutInput input = input("rev-b", "10%");

    stub(input).run(input, null);

    assertThat(fleet.maxUnavailableSeen()).isEqualTo(2);
    assertThat(fleet.allAt("rev-b")).isTrue();
  }

  @Test
  void waitsForADeviceThatIsNotReadyWithoutMovingMoreThanTheWindow() {
    SimulatedFleet fleet = worker(new SimulatedFleet(5, "rev-a", 1, Set.of("tor-000")));
    RolloutInput input = input("rev-b", "2");
    WorkflowClient.start(stub(input)::run, input, null);

    env.sleep(Duration.ofMinutes(30));

    RolloutProgress progress = existing(input).progress();
    assertThat(progress.phase()).isEqualTo("Progressing");
    assertThat(progress.fleet().updated()).isEqualTo(5);
    assertThat(progress.fleet().updatedAvailable()).isEqualTo(4);
    assertThat(fleet.maxUnavailableSeen()).isLessThanOrEqualTo(2);
    assertThat(fleet.moves()).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void newRevisionSupersedesTheRunAndEndsOnIt() {
    SimulatedFleet fleet = worker(new SimulatedFleet(8, "rev-a", 3, Set.of()));
    RolloutInput first = input("rev-b", "2");
    WorkflowClient.start(stub(first)::run, first, null);
    await().until(() -> fleet.calls() >= 1);

    RolloutInput second = input("rev-c", "2");
    existing(second).target(second);
    WorkflowStub untyped = client.newUntypedWorkflowStub(first.workflowId());
    FleetCounts result = untyped.getResult(FleetCounts.class);

    assertThat(result).isEqualTo(new FleetCounts(8, 8, 8, 0));
    assertThat(fleet.allAt("rev-c")).isTrue();
    assertThat(fleet.maxUnavailableSeen()).isLessThanOrEqualTo(2);
    Set<String> movedToC = new HashSet<>();
    for (String move : fleet.moves()) {
      if (move.endsWith("@rev-c")) {
        assertThat(movedToC.add(move)).as("moved twice: %s", move).isTrue();
      }
    }
    assertThat(movedToC).hasSize(8);
  }

  @Test
  void aNewRevisionArrivingWhileTheRunRecordsItsEndIsNotLost() {
    SimulatedFleet fleet = worker(new SimulatedFleet(3, "rev-a", 1, Set.of()));
    RolloutInput first = input("rev-b", "3");
    fleet.onEvent(
        e -> {
          if (e.reason().equals("RolloutComplete") && e.message().contains("rev-b")) {
            existing(first).target(input("rev-c", "3"));
          }
        });
    WorkflowClient.start(stub(first)::run, first, null);

    FleetCounts result = awaitResult(first);

    assertThat(result.complete()).isTrue();
    assertThat(fleet.allAt("rev-c")).as("the signal during the end superseded the run").isTrue();
  }

  @Test
  void sameRevisionSignalIsANoOp() {
    SimulatedFleet fleet = worker(new SimulatedFleet(4, "rev-a", 1, Set.of()));
    RolloutInput input = input("rev-b", "1");
    WorkflowClient.start(stub(input)::run, input, null);
    existing(input).target(input);

    FleetCounts result =
        client.newUntypedWorkflowStub(input.workflowId()).getResult(FleetCounts.class);

    assertThat(result.complete()).isTrue();
    assertThat(fleet.moves()).hasSize(4).allMatch(m -> m.endsWith("@rev-b"));
    assertThat(List.copyOf(fleet.moves())).doesNotHaveDuplicates();
  }

  @Test
  void signalWithStartOfTheRunsOwnRevisionStartsOneRun() {
    SimulatedFleet fleet = worker(new SimulatedFleet(3, "rev-a", 1, Set.of()));
    RolloutInput input = input("rev-b", "1");
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "RolloutWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(input.workflowId())
                .setTaskQueue(QUEUE)
                .build());
    io.temporal.api.common.v1.WorkflowExecution started =
        stub.signalWithStart(
            RolloutWorkflow.TARGET_SIGNAL, new Object[] {input}, new Object[] {input});

    FleetCounts result = stub.getResult(FleetCounts.class);

    assertThat(result.complete()).isTrue();
    assertThat(fleet.moves()).hasSize(3).doesNotHaveDuplicates();
    WorkflowExecutionHistory history = client.fetchHistory(input.workflowId(), started.getRunId());
    assertThat(history.getLastEvent().hasWorkflowExecutionCompletedEventAttributes())
        .as("the first run completes rather than continuing as new")
        .isTrue();
  }

  @Test
  void pauseSignalStopsMovingUntilResumeAndRecordsWho() throws Exception {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 2, Set.of()));
    RolloutInput input = input("rev-b", "2");
    WorkflowClient.start(stub(input)::run, input, null);
    await().until(() -> fleet.calls() >= 1);
    existing(input).pause(new ControlRequest("alice", "maintenance window"));
    await().untilAsserted(() -> assertThat(existing(input).progress().phase()).isEqualTo("Paused"));
    env.sleep(Duration.ofMinutes(10));
    int movedWhilePaused = fleet.moves().size();
    env.sleep(Duration.ofMinutes(10));

    assertThat(existing(input).progress().phase()).isEqualTo("Paused");
    assertThat(fleet.moves()).as("nothing moves while paused").hasSize(movedWhilePaused);
    assertThat(fleet.events()).contains("RolloutPaused: Paused by alice (maintenance window)");
    assertThat(fleet.phases()).contains("Paused/PausedBySignal");
    assertThat(movedWhilePaused).isLessThan(6);

    assertThat(existing(input).resumeRollout(new ControlRequest("alice", "done")).phaseAfter())
        .isEqualTo("Progressing");
    await()
        .untilAsserted(
            () ->
                assertThat(fleet.events())
                    .contains("RolloutResumed: Rollout of revision rev-b resumed by alice (done)"));
    FleetCounts result =
        client.newUntypedWorkflowStub(input.workflowId()).getResult(FleetCounts.class);
    assertThat(result.complete()).isTrue();
    assertThat(client.fetchHistory(input.workflowId()).getEvents())
        .filteredOn(e -> e.hasWorkflowExecutionSignaledEventAttributes())
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes())
        .filteredOn(a -> a.getSignalName().equals("pause"))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.getInput().getPayloads(0).getData().toStringUtf8())
                    .as("who paused and why, in the history")
                    .contains("alice")
                    .contains("maintenance window"));
    replayAndRecord(input.workflowId(), "rollout-paused-and-resumed.json");
  }

  @Test
  void specPausedHoldsAndOnlyTheSpecReleasesIt() {
    SimulatedFleet fleet = worker(new SimulatedFleet(3, "rev-a", 1, Set.of()));
    RolloutInput held =
        RolloutInput.of("infra-system", "switch-agent", "rev-b", "1").withPaused(true);
    WorkflowClient.start(stub(held)::run, held, null);
    env.sleep(Duration.ofMinutes(5));
    assertThat(fleet.moves()).isEmpty();
    assertThat(existing(held).progress().phase()).isEqualTo("Paused");

    existing(held).resume(new ControlRequest("bob", null));
    env.sleep(Duration.ofMinutes(1));
    assertThat(fleet.moves()).as("a resume signal cannot lift spec.paused").isEmpty();
    assertThatThrownBy(() -> existing(held).resumeRollout(new ControlRequest("bob", null)))
        .hasStackTraceContaining("held by spec.paused");

    existing(held).target(held.withRevision("rev-b").withPaused(false));
    FleetCounts result =
        client.newUntypedWorkflowStub(held.workflowId()).getResult(FleetCounts.class);
    assertThat(result.complete()).isTrue();
  }

  @Test
  void previewPlanAnswersTheBatchesBeforeAnythingMoves() {
    SimulatedFleet fleet = worker(new SimulatedFleet(5, "rev-a", 1, Set.of()));
    RolloutInput held =
        RolloutInput.of("infra-system", "switch-agent", "rev-b", "2").withPaused(true);
    WorkflowClient.start(stub(held)::run, held, null);

    PlanSummary plan = existing(held).previewPlan();

    assertThat(plan.batchCount()).isEqualTo(3);
    assertThat(plan.batchSizes()).containsExactly(2, 2, 1);
    assertThat(plan.firstBatches().get(0)).containsExactly("tor-000", "tor-001");
    assertThat(fleet.moves()).as("a preview moves nothing").isEmpty();
  }

  @Test
  void resumeWhenNotPausedIsRejectedWithTheReason() {
    worker(new SimulatedFleet(3, "rev-a", 5, Set.of()));
    RolloutInput input = input("rev-b", "1");
    WorkflowClient.start(stub(input)::run, input, null);
    assertThatThrownBy(() -> existing(input).resumeRollout(new ControlRequest("carol", null)))
        .hasStackTraceContaining("the rollout is not paused");
  }

  @Test
  void failuresPastTheBudgetPauseTheRolloutUntilResumed() {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 1, Set.of(), Set.of("tor-000")));
    RolloutInput input = withPolicy("0", "Pause");
    WorkflowClient.start(stub(input)::run, input, null);

    env.sleep(Duration.ofMinutes(5));
    RolloutProgress paused = existing(input).progress();
    assertThat(paused.phase()).isEqualTo("Paused");
    assertThat(paused.pausedBy()).startsWith("failure-gate").contains("1 devices failed");
    assertThat(fleet.phases()).contains("Paused/FailureBudgetExceeded");
    int moved = fleet.moves().size();
    env.sleep(Duration.ofMinutes(10));
    assertThat(fleet.moves()).as("the gate holds the rollout").hasSize(moved);
    assertThat(moved).isLessThan(6);

    existing(input).resumeRollout(new ControlRequest("dave", "tor-000 is known bad"));
    env.sleep(Duration.ofMinutes(10));
    assertThat(fleet.moves()).as("resumed, the known failure no longer holds it").hasSize(6);
    assertThat(existing(input).progress().phase()).isEqualTo("Progressing");
  }

  @Test
  void failuresWithinTheBudgetDoNotPause() {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 1, Set.of(), Set.of("tor-000")));
    RolloutInput input = withPolicy("1", "Pause");
    WorkflowClient.start(stub(input)::run, input, null);
    env.sleep(Duration.ofMinutes(10));
    assertThat(fleet.moves()).hasSize(6);
    RolloutProgress p = existing(input).progress();
    assertThat(p.phase()).isEqualTo("Progressing");
    assertThat(p.fleet().failed()).isEqualTo(1);
  }

  /** Lets the workflow finish its task and park on a timer before the test signals it. */
  private void settle() {
    await()
        .until(
            () ->
                client
                    .fetchHistory("rollout/infra-system/switch-agent")
                    .getLastEvent()
                    .hasTimerStartedEventAttributes());
  }

  private void skipUntil(java.util.function.BooleanSupplier condition) {
    RolloutTestServer.skipUntil(env, condition);
  }

  private static RolloutInput withPolicy(String maxFailures, String action) {
    return new RolloutInput(
        "infra-system",
        "switch-agent",
        "rev-b",
        "2",
        null,
        null,
        null,
        maxFailures,
        action,
        null,
        null,
        "rev-a",
        null,
        null,
        null,
        null);
  }

  private FleetCounts awaitResult(RolloutInput input) {
    return client.newUntypedWorkflowStub(input.workflowId()).getResult(FleetCounts.class);
  }

  @Test
  void failuresPastTheBudgetWithRollbackReturnEveryMovedDeviceToTheStableRevision()
      throws Exception {
    SimulatedFleet fleet = worker(new SimulatedFleet(10, "rev-a", 1, Set.of()).failsAt("rev-b"));
    RolloutInput input = withPolicy("1", "Rollback");
    WorkflowClient.start(stub(input)::run, input, null);

    skipUntil(() -> fleet.phase().equals("Aborted"));
    env.sleep(Duration.ofMinutes(10));

    RolloutProgress done = existing(input).progress();
    assertThat(done.revision()).isEqualTo("rev-a");
    assertThat(done.rollingBackFrom()).isEqualTo("rev-b");
    assertThat(fleet.allAt("rev-a")).as("every device back on the stable revision").isTrue();
    List<String> movedToB =
        fleet.moves().stream().filter(m -> m.endsWith("@rev-b")).map(m -> m.split("@")[0]).toList();
    List<String> movedBack =
        fleet.moves().stream().filter(m -> m.endsWith("@rev-a")).map(m -> m.split("@")[0]).toList();
    assertThat(movedBack)
        .as("the rollback moves exactly the devices the rollout moved")
        .containsExactlyInAnyOrderElementsOf(movedToB);
    assertThat(movedToB.size())
        .as("no more than maxFailures + window devices touched")
        .isLessThanOrEqualTo(1 + 2 + 1);
    assertThat(fleet.maxUnavailableSeen()).isLessThanOrEqualTo(2);
    assertThat(fleet.phases()).contains("RollingBack/FailureBudgetExceeded", "Aborted/RolledBack");
    assertThat(fleet.events())
        .anyMatch(e -> e.startsWith("DeviceUnhealthy: Device tor-000 failed at revision rev-b"))
        .anyMatch(e -> e.startsWith("RollingBack: Rolling back from revision rev-b to rev-a"))
        .anyMatch(e -> e.startsWith("RolledBack: Rolled back to revision rev-a"));

    replayAndRecord(input.workflowId(), "rollback-run-waiting-in-aborted.json");

    existing(input).target(input);
    env.sleep(Duration.ofMinutes(5));
    assertThat(fleet.at("rev-b"))
        .as("the operator re-sending the abandoned revision does not start it again")
        .isEmpty();

    existing(input).target(input.withRevision("rev-c"));
    assertThat(awaitResult(input).complete()).isTrue();
    assertThat(fleet.allAt("rev-c")).isTrue();
    replayAndRecord(input.workflowId(), "rollout-gate-rollback-then-new-revision.json");
  }

  @Test
  void rollbackActionWithoutAStableRevisionPausesAndSaysWhy() {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 1, Set.of()).failsAt("rev-b"));
    RolloutInput input = withPolicy("0", "Rollback").withStableRevision(null);
    WorkflowClient.start(stub(input)::run, input, null);

    skipUntil(() -> fleet.phase().equals("Paused"));
    assertThat(existing(input).progress().pausedBy())
        .contains("no stable revision to return to")
        .contains("tor-000 (Health check failed)");
    assertThat(fleet.at("rev-a")).isNotEmpty();
  }

  @Test
  void abortRollsBackWhatMovedAndRetryStartsTheRolloutAgain() {
    SimulatedFleet fleet = worker(new SimulatedFleet(8, "rev-a", 3, Set.of()));
    RolloutInput input = withPolicy("0", "Pause");
    WorkflowClient.start(stub(input)::run, input, null);
    await().until(() -> fleet.at("rev-b").size() >= 2);
    settle();

    existing(input).abort(new ControlRequest("erin", "wrong build"));
    skipUntil(() -> fleet.phase().equals("Aborted"));
    assertThat(fleet.allAt("rev-a")).isTrue();
    assertThat(fleet.phases()).contains("RollingBack/Aborted", "Aborted/Aborted");
    assertThat(fleet.events())
        .anyMatch(e -> e.contains("Rolling back from revision rev-b to rev-a: erin (wrong build)"));

    existing(input).retry(new ControlRequest("erin", "fixed the artifact server"));
    FleetCounts result = awaitResult(input);
    assertThat(result.complete()).isTrue();
    assertThat(fleet.allAt("rev-b")).isTrue();
  }

  @Test
  void abortOfAFirstRolloutStopsWhereItStands() {
    SimulatedFleet fleet = worker(new SimulatedFleet(8, "rev-a", 3, Set.of()));
    RolloutInput input = withPolicy("0", "Pause").withStableRevision(null);
    WorkflowClient.start(stub(input)::run, input, null);
    await().until(() -> fleet.at("rev-b").size() >= 2);
    settle();

    existing(input).abort(new ControlRequest("erin", null));
    skipUntil(() -> fleet.phase().equals("Aborted"));
    int moved = fleet.moves().size();
    env.sleep(Duration.ofMinutes(10));
    assertThat(fleet.moves()).as("nothing moves once aborted").hasSize(moved);
    assertThat(fleet.events()).anyMatch(e -> e.contains("no stable revision to return to"));
  }

  @Test
  void rollbackSignalToANamedRevisionMovesTheFleetThere() {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 1, Set.of()));
    RolloutInput input = withPolicy("0", "Pause");
    WorkflowClient.start(stub(input)::run, input, null);
    await().until(() -> !fleet.at("rev-b").isEmpty());
    settle();

    existing(input).rollback(new RollbackRequest("frank", "pin the old one", "rev-0"));
    skipUntil(() -> fleet.phase().equals("Aborted"));
    assertThat(fleet.allAt("rev-0")).isTrue();
    assertThat(fleet.phases()).contains("RollingBack/RollbackRequested", "Aborted/RolledBack");
  }

  @Test
  void revertingTheTemplateDuringARollbackCompletesIt() {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 2, Set.of()));
    RolloutInput input = withPolicy("0", "Pause");
    WorkflowClient.start(stub(input)::run, input, null);
    await().until(() -> !fleet.at("rev-b").isEmpty());
    settle();
    existing(input).abort(new ControlRequest("gina", null));
    skipUntil(() -> List.of("RollingBack", "Aborted").contains(fleet.phase()));

    existing(input).target(input.withRevision("rev-a"));
    assertThat(awaitResult(input).complete()).isTrue();
    assertThat(existing(input).progress().phase()).isEqualTo("Complete");
    assertThat(fleet.allAt("rev-a")).isTrue();
  }

  @Test
  void canaryStepsBoundEachBatchPauseAndWaitForPromote() throws Exception {
    SimulatedFleet fleet = worker(new SimulatedFleet(10, "rev-a", 1, Set.of()));
    RolloutInput input =
        input("rev-b", "5")
            .withSteps(
                List.of(
                    CanaryStep.batch("1"),
                    CanaryStep.timedPause(600),
                    CanaryStep.batch("50%"),
                    CanaryStep.openPause()));
    WorkflowClient.start(stub(input)::run, input, null);

    skipUntil(() -> existing(input).progress().step() == 1);
    assertThat(fleet.at("rev-b")).as("step 1 moves one device").hasSize(1);
    assertThat(existing(input).progress().phase()).isEqualTo("Paused");
    env.sleep(Duration.ofMinutes(5));
    assertThat(fleet.at("rev-b")).as("the timed pause holds for its 10 minutes").hasSize(1);

    env.sleep(Duration.ofMinutes(6));
    skipUntil(() -> existing(input).progress().step() == 3);
    assertThat(fleet.at("rev-b")).as("step 3 brings half the fleet").hasSize(5);
    env.sleep(Duration.ofHours(2));
    assertThat(fleet.at("rev-b")).as("an open pause waits for a person").hasSize(5);
    assertThat(existing(input).progress().pausedBy()).startsWith("canary-step");
    assertThat(fleet.phases()).contains("Paused/StepPause", "Progressing/CanaryStep");
    assertThat(fleet.steps()).as("status.rollout.step follows the steps").contains(0, 1, 2, 3);

    existing(input).promote(new ControlRequest("hana", "canary looks good"));
    assertThat(awaitResult(input).complete()).isTrue();
    assertThat(fleet.moves()).hasSize(10).doesNotHaveDuplicates();
    assertThat(fleet.maxUnavailableSeen()).isLessThanOrEqualTo(5);
    assertThat(fleet.events())
        .anyMatch(e -> e.startsWith("RolloutStep: Step 1 of 4 (batch 1) done: 1/10"))
        .anyMatch(e -> e.startsWith("RolloutStep: Step 4 of 4 (pause until resumed) resumed"));
    replayAndRecord(input.workflowId(), "rollout-canary-steps.json");
  }

  @Test
  void promoteSkipsATimedPause() {
    SimulatedFleet fleet = worker(new SimulatedFleet(4, "rev-a", 1, Set.of()));
    RolloutInput input =
        input("rev-b", "1").withSteps(List.of(CanaryStep.batch("1"), CanaryStep.timedPause(86400)));
    WorkflowClient.start(stub(input)::run, input, null);
    skipUntil(() -> existing(input).progress().step() == 1);

    existing(input).promote(new ControlRequest("ivan", null));
    assertThat(awaitResult(input).complete()).isTrue();
    assertThat(fleet.events()).anyMatch(e -> e.contains("promoted by ivan"));
  }

  @Test
  void aNonRetryableFailureDegradesTheRolloutUntilRetry() {
    SimulatedFleet fleet = worker(new SimulatedFleet(4, "rev-a", 1, Set.of()));
    fleet.failNextBatch(
        ApplicationFailure.newNonRetryableFailure("deviceprocesses is forbidden", "Forbidden"));
    RolloutInput input = input("rev-b", "2");
    WorkflowClient.start(stub(input)::run, input, null);

    skipUntil(() -> fleet.phase().equals("Degraded"));
    env.sleep(Duration.ofHours(1));
    assertThat(fleet.moves()).as("nothing moves while degraded").isEmpty();
    assertThat(fleet.phases()).contains("Degraded/Forbidden");
    assertThat(fleet.events())
        .anyMatch(e -> e.contains("deviceprocesses is forbidden") && e.contains("--name retry"));

    existing(input).retry(new ControlRequest("jo", "RBAC fixed"));
    assertThat(awaitResult(input).complete()).isTrue();
  }

  @Test
  void recreateMovesTheWholeFleetAtOnce() {
    SimulatedFleet fleet = worker(new SimulatedFleet(6, "rev-a", 1, Set.of()));
    RolloutInput base = input("rev-b", "1");
    RolloutInput input =
        new RolloutInput(
            base.namespace(),
            base.deployment(),
            base.revision(),
            "1",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "rev-a",
            null,
            "Recreate",
            null,
            null);
    assertThat(stub(input).run(input, null).complete()).isTrue();
    assertThat(fleet.maxUnavailableSeen()).isEqualTo(6);
    assertThat(fleet.moves()).hasSize(6);
  }
}
