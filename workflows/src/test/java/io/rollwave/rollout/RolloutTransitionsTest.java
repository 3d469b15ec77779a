package io.rollwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutState;
import io.rollwave.rollout.RolloutTransitions.AfterBatch;
import io.rollwave.rollout.RolloutTransitions.Gate;
import io.rollwave.rollout.RolloutTransitions.Next;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollout's decisions as tables: a state and a signal or batch in, a state and an action out.
 */
class RolloutTransitionsTest {
  static final ControlRequest ALICE = new ControlRequest("alice", "window");
  static final RolloutInput INPUT =
      RolloutInput.of("infra", "switch-agent", "rev-b", "2").withStableRevision("rev-a");
  static final List<CanaryStep> STEPS =
      List.of(CanaryStep.batch("1"), CanaryStep.timedPause(60), CanaryStep.openPause());
  static final RunState FRESH = RolloutTransitions.start(INPUT, null, FleetCounts.EMPTY);
  static final RunState STEPPED = RolloutTransitions.start(INPUT.withSteps(STEPS), null, null);
  static final RunState ROLLING_BACK =
      RolloutTransitions.start(
          INPUT.withRevision("rev-a"), RolloutState.rollingBack(INPUT, ALICE, false), null);

  static RunState at(RunState s, int step) {
    return s.edit().step(step).done();
  }

  static Stream<Arguments> nextActions() {
    return Stream.of(
        Arguments.of("fresh rollout moves a batch", FRESH, Next.MOVE_BATCH),
        Arguments.of(
            "a new revision supersedes", with(FRESH, s -> target(s, "rev-c")), Next.SUPERSEDE),
        Arguments.of(
            "a new revision beats a rollback",
            with(FRESH, s -> RolloutTransitions.abort(target(s, "rev-c"), ALICE)),
            Next.SUPERSEDE),
        Arguments.of("abort rolls back", RolloutTransitions.abort(FRESH, ALICE), Next.ROLL_BACK),
        Arguments.of(
            "a rollback beats a pause",
            RolloutTransitions.abort(RolloutTransitions.pause(FRESH, ALICE), ALICE),
            Next.ROLL_BACK),
        Arguments.of("a pause holds", RolloutTransitions.pause(FRESH, ALICE), Next.HOLD),
        Arguments.of("spec.paused holds", FRESH.edit().heldBySpec(true).done(), Next.HOLD),
        Arguments.of("a batch step moves", STEPPED, Next.MOVE_BATCH),
        Arguments.of("a pause step pauses", at(STEPPED, 1), Next.PAUSE_STEP),
        Arguments.of("an open pause step pauses", at(STEPPED, 2), Next.PAUSE_STEP),
        Arguments.of("past the steps the window moves", at(STEPPED, 3), Next.MOVE_BATCH),
        Arguments.of("a rollback ignores steps", at(ROLLING_BACK, 1), Next.MOVE_BATCH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nextActions")
  void nextActionFollowsFromTheState(String name, RunState state, Next expected) {
    assertThat(RolloutTransitions.next(state)).isEqualTo(expected);
  }

  static RunState with(RunState s, UnaryOperator<RunState> change) {
    return change.apply(s);
  }

  static RunState target(RunState s, String revision) {
    return RolloutTransitions.target(s, INPUT.withRevision(revision));
  }

  static Stream<Arguments> signals() {
    RunState paused = RolloutTransitions.pause(FRESH, ALICE);
    RunState failing = FRESH.edit().fleet(new FleetCounts(10, 4, 2, 2, 2), false).done();
    ControlRequest bob = new ControlRequest("bob", null);
    return Stream.<Arguments>of(
        row("pause records who", FRESH, s -> RolloutTransitions.pause(s, ALICE), "pausedBy", ALICE),
        row(
            "a second pause keeps the first",
            paused,
            s -> RolloutTransitions.pause(s, bob),
            "pausedBy",
            ALICE),
        row(
            "resume ends a pause",
            paused,
            s -> RolloutTransitions.resume(s, bob),
            "pausedBy",
            null),
        row("resume says who", paused, s -> RolloutTransitions.resume(s, bob), "resumedBy", bob),
        row(
            "resume accepts the failures seen",
            RolloutTransitions.pause(failing, ALICE),
            s -> RolloutTransitions.resume(s, bob),
            "acceptedFailures",
            2),
        row(
            "resume without a pause changes nothing",
            failing,
            s -> RolloutTransitions.resume(s, bob),
            "acceptedFailures",
            0),
        row(
            "promote ends a pause",
            paused,
            s -> RolloutTransitions.promote(s, bob),
            "pausedBy",
            null),
        row(
            "promote of a pause is no step skip",
            at(paused, 0),
            s -> RolloutTransitions.promote(s, bob),
            "promoted",
            null),
        row(
            "promote skips the step in force",
            STEPPED,
            s -> RolloutTransitions.promote(s, bob),
            "promoted",
            bob),
        row(
            "promote without steps does nothing",
            FRESH,
            s -> RolloutTransitions.promote(s, bob),
            "promoted",
            null),
        row(
            "retry while progressing is ignored",
            FRESH,
            s -> RolloutTransitions.retry(s, bob),
            "retried",
            null),
        row(
            "retry when degraded is taken",
            FRESH.withPhase(RolloutPhase.Degraded),
            s -> RolloutTransitions.retry(s, bob),
            "retried",
            bob),
        row(
            "retry when aborted is taken",
            FRESH.withPhase(RolloutPhase.Aborted),
            s -> RolloutTransitions.retry(s, bob),
            "retried",
            bob),
        row(
            "abort wants a rollback to the stable revision",
            FRESH,
            s -> RolloutTransitions.abort(s, bob),
            "rollbackWanted",
            new RunState.PendingRollback(null, bob, true)),
        row(
            "rollback names its revision",
            FRESH,
            s -> RolloutTransitions.rollback(s, new RollbackRequest("bob", null, "rev-0")),
            "rollbackWanted",
            new RunState.PendingRollback("rev-0", bob, false)),
        row(
            "status changes the counts",
            FRESH,
            s -> RolloutTransitions.fleetChanged(s, new FleetCounts(3, 1, 1, 0)),
            "counts",
            new FleetCounts(3, 1, 1, 0)),
        row(
            "status is news",
            FRESH,
            s -> RolloutTransitions.fleetChanged(s, FleetCounts.EMPTY),
            "fleetChanged",
            true),
        row(
            "another revision supersedes",
            FRESH,
            s -> target(s, "rev-c"),
            "superseding",
            INPUT.withRevision("rev-c")),
        row(
            "the same revision only updates the hold",
            FRESH,
            s -> RolloutTransitions.target(s, INPUT.withPaused(true)),
            "heldBySpec",
            true),
        row(
            "the same revision supersedes nothing",
            FRESH,
            s -> target(s, "rev-b"),
            "superseding",
            null),
        row(
            "a rollback stays when the abandoned revision is sent again",
            ROLLING_BACK,
            s -> target(s, "rev-b"),
            "superseding",
            null),
        row(
            "reverting the template ends a rollback",
            ROLLING_BACK,
            s -> target(s, "rev-a"),
            "revertedToStable",
            true),
        row(
            "a rollback's own revision is no revert outside one",
            FRESH,
            s -> target(s, "rev-b"),
            "revertedToStable",
            false));
  }

  static Arguments row(
      String name, RunState before, UnaryOperator<RunState> signal, String field, Object expected) {
    return Arguments.of(name, before, signal, field, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signals")
  void signalsChangeTheState(
      String name, RunState before, UnaryOperator<RunState> signal, String field, Object expected) {
    assertThat(signal.apply(before)).extracting(field).isEqualTo(expected);
  }

  static Stream<Arguments> gates() {
    List<FailedDevice> one = List.of(new FailedDevice("tor-000", "Health check failed"));
    return Stream.of(
            // maxFailures, action, stable, failed, accepted -> tripped, paused, rollback to
            Arguments.of("0", "Pause", "rev-a", 0, 0, false, false, null),
            Arguments.of("0", "Pause", "rev-a", 1, 0, true, true, null),
            Arguments.of("1", "Pause", "rev-a", 1, 0, false, false, null),
            Arguments.of("0", "Pause", "rev-a", 1, 1, false, false, null),
            Arguments.of("50%", "Pause", "rev-a", 2, 0, false, false, null),
            Arguments.of("10%", "Pause", "rev-a", 2, 0, true, true, null),
            Arguments.of("0", "Rollback", "rev-a", 1, 0, true, false, "rev-a"),
            Arguments.of("0", "Rollback", null, 1, 0, true, true, null),
            Arguments.of("lots", "Pause", "rev-a", 1, 0, true, true, null))
        .map(a -> Arguments.of(append(a.get(), one)));
  }

  static Object[] append(Object[] row, Object last) {
    Object[] all = java.util.Arrays.copyOf(row, row.length + 1);
    all[row.length] = last;
    return all;
  }

  @ParameterizedTest(name = "maxFailures {0} {1} stable {2}: {3} failed, {4} accepted")
  @MethodSource("gates")
  void gatePausesOrRollsBackPastTheBudget(
      String maxFailures,
      String action,
      String stable,
      int failed,
      int accepted,
      boolean tripped,
      boolean paused,
      String rollbackTo,
      List<FailedDevice> names) {
    RolloutInput input =
        new RolloutInput(
            "infra",
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
            stable,
            null,
            null,
            null,
            null);
    RunState state =
        RolloutTransitions.start(input, null, null)
            .edit()
            .fleet(new FleetCounts(10, 4, 4 - failed, failed, failed), false)
            .batch(4, 2, names)
            .acceptedFailures(accepted)
            .done();

    Gate gate = RolloutTransitions.gate(state);

    assertThat(gate.tripped()).isEqualTo(tripped);
    assertThat(gate.state().pausedBy() != null).as("paused").isEqualTo(paused);
    assertThat(
            gate.state().rollbackWanted() == null ? null : gate.state().rollbackWanted().revision())
        .isEqualTo(rollbackTo);
    assertThat(gate.budgetProblem() != null)
        .as("budget unreadable")
        .isEqualTo(maxFailures.equals("lots"));
    if (tripped) {
      assertThat(gate.state().progress().pausedBy() + gate.state().rollbackWanted())
          .contains(
              "failure-gate",
              failed + " devices failed at revision rev-b",
              "tor-000 (Health check failed)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gateOff")
  void gateIsOffInARollbackAndWhilePaused(String name, RunState state) {
    RunState failing = state.edit().fleet(new FleetCounts(10, 4, 0, 4, 4), false).done();
    assertThat(RolloutTransitions.gate(failing).tripped()).isFalse();
  }

  static Stream<Arguments> gateOff() {
    return Stream.of(
        Arguments.of("rolling back", ROLLING_BACK),
        Arguments.of("paused", RolloutTransitions.pause(FRESH, ALICE)));
  }

  static Stream<Arguments> afterBatches() {
    FleetCounts done = new FleetCounts(10, 10, 10, 0);
    FleetCounts oneOfTen = new FleetCounts(10, 1, 1, 0);
    FleetCounts moving = new FleetCounts(10, 1, 0, 1);
    return Stream.of(
        Arguments.of("every device available finishes", FRESH, done, false, AfterBatch.FINISH),
        Arguments.of("not yet: wait", FRESH, moving, false, AfterBatch.WAIT),
        Arguments.of(
            "a superseded run does not finish",
            target(FRESH, "rev-c"),
            done,
            false,
            AfterBatch.WAIT),
        Arguments.of("a settled batch step passes", STEPPED, oneOfTen, false, AfterBatch.STEP_DONE),
        Arguments.of("an unsettled batch step waits", STEPPED, moving, false, AfterBatch.WAIT),
        Arguments.of(
            "a promoted batch step passes",
            RolloutTransitions.promote(STEPPED, ALICE),
            moving,
            false,
            AfterBatch.STEP_DONE),
        Arguments.of(
            "Temporal's suggestion continues as new",
            FRESH,
            moving,
            true,
            AfterBatch.CONTINUE_AS_NEW));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("afterBatches")
  void afterABatch(
      String name, RunState before, FleetCounts seen, boolean suggested, AfterBatch expected) {
    RunState state = RolloutTransitions.batchMoved(before, new BatchResult(1, 2, seen));
    assertThat(RolloutTransitions.afterBatch(state, state.currentStep(), suggested))
        .isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void aThousandBatchesContinueAsNew() {
    RunState state = FRESH;
    for (int i = 0; i < RolloutTransitions.BATCHES_PER_RUN; i++) {
      state =
          RolloutTransitions.batchMoved(state, new BatchResult(0, 2, new FleetCounts(10, 1, 0, 1)));
    }
    assertThat(RolloutTransitions.afterBatch(state, null, false))
        .isEqualTo(AfterBatch.CONTINUE_AS_NEW);
    assertThat(state.carry()).isEqualTo(new RolloutState(0, 0, null, null, null, null, true));
  }

  static Stream<Arguments> rollbacks() {
    return Stream.of(
        Arguments.of(
            "abort returns to the stable revision",
            RolloutTransitions.abort(FRESH, ALICE),
            RollbackPlan.Kind.START,
            "rev-a"),
        Arguments.of(
            "a named revision",
            RolloutTransitions.rollback(FRESH, new RollbackRequest("a", null, "rev-0")),
            RollbackPlan.Kind.START,
            "rev-0"),
        Arguments.of(
            "the revision being rolled out is ignored",
            RolloutTransitions.rollback(FRESH, new RollbackRequest("a", null, "rev-b")),
            RollbackPlan.Kind.IGNORED,
            "rev-b"),
        Arguments.of(
            "no stable revision: refused",
            RolloutTransitions.abort(
                RolloutTransitions.start(INPUT.withStableRevision(null), null, null), ALICE),
            RollbackPlan.Kind.REFUSED,
            null),
        Arguments.of(
            "a rollback already going there",
            RolloutTransitions.abort(ROLLING_BACK, ALICE),
            RollbackPlan.Kind.ALREADY_THERE,
            "rev-a"),
        Arguments.of(
            "a rollback to another revision starts from the abandoned rollout",
            RolloutTransitions.rollback(ROLLING_BACK, new RollbackRequest("a", null, "rev-0")),
            RollbackPlan.Kind.START,
            "rev-0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rollbacks")
  void rollbackPlans(String name, RunState state, RollbackPlan.Kind kind, String to) {
    RollbackPlan plan = RollbackPlan.of(state);
    assertThat(plan.kind()).isEqualTo(kind);
    assertThat(plan.to()).isEqualTo(to);
    assertThat(RolloutTransitions.rollbackTaken(state).rollbackWanted()).isNull();
    if (kind == RollbackPlan.Kind.START) {
      assertThat(plan.next().revision()).isEqualTo(to);
      assertThat(plan.carried().abandoned().revision()).as("the rollout left").isEqualTo("rev-b");
      assertThat(plan.carried().rollingBack()).isTrue();
    }
  }

  static Stream<Arguments> steps() {
    return Stream.of(
        Arguments.of(
            "an open pause held once goes on",
            RolloutTransitions.takeOpenPause(at(STEPPED, 2)),
            true,
            "StepPause"),
        Arguments.of("an open pause not yet held", at(STEPPED, 2), false, null),
        Arguments.of(
            "a gate pause",
            RolloutTransitions.gate(
                    STEPPED.edit().fleet(new FleetCounts(10, 1, 0, 1, 1), false).done())
                .state(),
            false,
            "FailureBudgetExceeded"),
        Arguments.of(
            "a person's pause", RolloutTransitions.pause(STEPPED, ALICE), false, "PausedBySignal"),
        Arguments.of(
            "spec.paused",
            STEPPED.edit().heldBySpec(true).pausedBy(ALICE).done(),
            false,
            "SpecPaused"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void pausesSayWhy(String name, RunState state, boolean openPauseTaken, String reason) {
    assertThat(RolloutTransitions.openPauseTaken(state)).isEqualTo(openPauseTaken);
    if (reason != null) {
      assertThat(RolloutTransitions.pauseReason(state)).isEqualTo(reason);
    }
  }

  @org.junit.jupiter.api.Test
  void nextStepSpendsThePromoteAndCarriesTheStep() {
    RunState next = RolloutTransitions.nextStep(RolloutTransitions.promote(STEPPED, ALICE));
    assertThat(next.step()).isEqualTo(1);
    assertThat(next.promoted()).isNull();
    assertThat(next.carry().step()).isEqualTo(1);
    assertThat(next.stepInForce()).isEqualTo(1);
  }
}
