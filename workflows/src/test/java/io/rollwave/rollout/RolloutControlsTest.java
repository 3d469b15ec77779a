package io.rollwave.rollout;

import static io.rollwave.rollout.RolloutTransitionsTest.ALICE;
import static io.rollwave.rollout.RolloutTransitionsTest.FRESH;
import static io.rollwave.rollout.RolloutTransitionsTest.ROLLING_BACK;
import static io.rollwave.rollout.RolloutTransitionsTest.STEPPED;
import static io.rollwave.rollout.RolloutTransitionsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PromoteRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The control updates' validators and answers as tables, without Temporal: a state and a control
 * in, the refusal (or none) out.
 */
class RolloutControlsTest {
  static final RunState PAUSED = RolloutTransitions.pause(FRESH, ALICE);
  static final RunState HELD = FRESH.edit().heldBySpec(true).done();
  static final RunState COMPLETE = FRESH.withPhase(RolloutPhase.Complete);
  static final RunState ABORTED = ROLLING_BACK.withPhase(RolloutPhase.Aborted);
  static final RunState DEGRADED = FRESH.withPhase(RolloutPhase.Degraded);
  static final RunState STORED =
      RolloutTransitions.start(
          FRESH.input().withStoredRevisions(List.of("rev-a", "rev-b", "rev-0")), null, null);

  static Function<RunState, Optional<String>> undo(String revision) {
    return s -> RolloutControls.undoRefusal(s, revision);
  }

  static Stream<Arguments> refusals() {
    Function<RunState, Optional<String>> pause = RolloutControls::pauseRefusal;
    Function<RunState, Optional<String>> resume = RolloutControls::resumeRefusal;
    Function<RunState, Optional<String>> promote = RolloutControls::promoteRefusal;
    Function<RunState, Optional<String>> abort = RolloutControls::abortRefusal;
    Function<RunState, Optional<String>> retry = RolloutControls::retryRefusal;
    return Stream.of(
        Arguments.of("pause a moving rollout", pause, FRESH, null),
        Arguments.of("pause when paused", pause, PAUSED, "already paused by alice (window)"),
        Arguments.of("pause when held", pause, HELD, "already held by spec.paused"),
        Arguments.of("pause when finished", pause, COMPLETE, "finished (phase Complete)"),
        Arguments.of("pause when aborted", pause, ABORTED, "Aborted and moves nothing"),
        Arguments.of("pause a rollback", pause, ROLLING_BACK, null),
        Arguments.of("resume a pause", resume, PAUSED, null),
        Arguments.of("resume when not paused", resume, FRESH, "not paused (phase Progressing)"),
        Arguments.of(
            "resume when held",
            resume,
            HELD,
            "kubectl patch dpd switch-agent -n infra --type merge -p"
                + " '{\"spec\":{\"paused\":false}}'"),
        Arguments.of("promote a batch step", promote, STEPPED, null),
        Arguments.of("promote a timed pause step", promote, at(STEPPED, 1), null),
        Arguments.of("promote a soft pause", promote, PAUSED, null),
        Arguments.of("promote without steps", promote, FRESH, "the deployment has no canary steps"),
        Arguments.of("promote past the steps", promote, at(STEPPED, 3), "all 3 steps are done"),
        Arguments.of("promote a rollback", promote, ROLLING_BACK, "a rollback has no canary steps"),
        Arguments.of("promote when held", promote, HELD, "held by spec.paused"),
        Arguments.of("promote when finished", promote, COMPLETE, "finished (phase Complete)"),
        Arguments.of("abort a moving rollout", abort, FRESH, null),
        Arguments.of("abort a paused one", abort, PAUSED, null),
        Arguments.of("abort when finished", abort, COMPLETE, "finished (phase Complete)"),
        Arguments.of("abort when aborted", abort, ABORTED, "already Aborted"),
        Arguments.of("abort a rollback", abort, ROLLING_BACK, "already rolling back to revision"),
        Arguments.of("retry when degraded", retry, DEGRADED, null),
        Arguments.of("retry when aborted", retry, ABORTED, null),
        Arguments.of("retry when nothing failed", retry, FRESH, "nothing to retry"),
        Arguments.of("retry when paused", retry, PAUSED.withPhase(RolloutPhase.Paused), "Paused"),
        Arguments.of("undo to the stable revision", undo(null), FRESH, null),
        Arguments.of("undo, blank, to the stable revision", undo(" "), FRESH, null),
        Arguments.of("undo to a stored revision", undo("rev-0"), STORED, null),
        Arguments.of(
            "undo to a pruned revision",
            undo("rev-9"),
            STORED,
            "revision rev-9 has no stored ControllerRevision (never applied, or pruned by"
                + " spec.revisionHistoryLimit); stored: rev-a, rev-b, rev-0"),
        Arguments.of(
            "undo to the revision rolled out", undo("rev-b"), FRESH, "is the one being rolled out"),
        Arguments.of(
            "undo without a stable revision",
            undo(null),
            RolloutTransitions.start(FRESH.input().withStableRevision(null), null, null),
            "there is no stable revision to return to"),
        Arguments.of(
            "undo to where a rollback goes", undo("rev-a"), ROLLING_BACK, "already rolling back"),
        Arguments.of("undo a rollback elsewhere", undo("rev-0"), ROLLING_BACK, null),
        Arguments.of("undo when finished", undo(null), COMPLETE, "finishing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWhatMakesNoSenseWithTheReason(
      String name, Function<RunState, Optional<String>> refusal, RunState state, String expected) {
    if (expected == null) {
      assertThat(refusal.apply(state)).as("accepted").isEmpty();
    } else {
      assertThat(refusal.apply(state))
          .as("refused")
          .hasValueSatisfying(why -> assertThat(why).contains(expected));
    }
  }

  static Stream<Arguments> outcomes() {
    RunState moving =
        FRESH
            .edit()
            .fleet(new FleetCounts(10, 3, 2, 1, 1), false)
            .phase(RolloutPhase.Progressing)
            .done();
    RunState paused = RolloutTransitions.pause(moving, ALICE).withPhase(RolloutPhase.Paused);
    PromoteRequest full = new PromoteRequest("bob", "looks good", true);
    RunState step1 = at(STEPPED, 1).withPhase(RolloutPhase.Paused);
    return Stream.of(
        Arguments.of(
            "pause",
            RolloutControls.paused(moving, RolloutTransitions.pause(moving, ALICE)),
            new ControlOutcome(
                "pause",
                "Progressing",
                "Paused",
                "paused by alice (window) (3/10 devices at revision rev-b); devices already moving"
                    + " finish, no new device moves until resumeRollout")),
        Arguments.of(
            "resume accepts the failures",
            RolloutControls.resumed(paused, RolloutTransitions.resume(paused, ALICE)),
            new ControlOutcome(
                "resume",
                "Paused",
                "Progressing",
                "resumed (3/10 devices at revision rev-b); the 1 failed devices seen so far are"
                    + " accepted")),
        Arguments.of(
            "promote a timed pause",
            RolloutControls.promoted(step1, step1, false),
            new ControlOutcome(
                "promote",
                "Paused",
                "Progressing",
                "skipping step 2 (pause 60s) (0/0 devices at revision rev-b, step 2 of 3)")),
        Arguments.of(
            "promote every step",
            RolloutControls.promoted(step1, RolloutTransitions.promote(step1, full), true),
            new ControlOutcome(
                "promote",
                "Paused",
                "Progressing",
                "skipping every remaining canary step from step 2 of 3 (0/0 devices at revision"
                    + " rev-b, step 2 of 3)")),
        Arguments.of(
            "abort with a stable revision",
            RolloutControls.aborted(moving),
            new ControlOutcome(
                "abort",
                "Progressing",
                "RollingBack",
                "rolling the 3 devices at revision rev-b back to the stable revision rev-a")),
        Arguments.of(
            "abort of a first rollout",
            RolloutControls.aborted(
                RolloutTransitions.start(FRESH.input().withStableRevision(null), null, null)),
            new ControlOutcome(
                "abort",
                "Progressing",
                "Aborted",
                "no stable revision to return to (first rollout): devices stay where they are")),
        Arguments.of(
            "undo to the stable revision",
            RolloutControls.undone(moving, null),
            new ControlOutcome(
                "undo",
                "Progressing",
                "RollingBack",
                "rolling every device not at revision rev-a back to it, through the window")),
        Arguments.of(
            "retry an aborted rollout",
            RolloutControls.retried(ABORTED),
            new ControlOutcome(
                "retry",
                "Aborted",
                "Progressing",
                "starting the rollout of revision rev-b again from the beginning")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void anAcceptedControlSaysWhatChanged(
      String name, ControlOutcome actual, ControlOutcome expected) {
    assertThat(actual).isEqualTo(expected);
  }

  static Stream<Arguments> fullPromotes() {
    PromoteRequest one = new PromoteRequest("bob", null, false);
    PromoteRequest all = new PromoteRequest("bob", null, true);
    RunState openPaused = RolloutTransitions.takeOpenPause(at(STEPPED, 2));
    return Stream.of(
        Arguments.of("one step from a batch step", STEPPED, one, 1),
        Arguments.of("every step from a batch step", STEPPED, all, 3),
        Arguments.of("every step from a timed pause", at(STEPPED, 1), all, 3),
        Arguments.of("every step from an open pause", openPaused, all, 3),
        Arguments.of(
            "every step from a person's pause in a step",
            RolloutTransitions.pause(STEPPED, ALICE),
            all,
            3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fullPromotes")
  void aFullPromoteSkipsEveryRemainingStep(
      String name, RunState state, PromoteRequest request, int stepAfter) {
    RunState promoted = RolloutTransitions.promote(state, request);
    assertThat(promoted.pausedBy()).as("no pause left").isNull();
    assertThat(promoted.promoted()).as("the step in force ends").isNotNull();
    assertThat(RolloutTransitions.nextStep(promoted).step()).isEqualTo(stepAfter);
    assertThat(RolloutTransitions.nextStep(promoted).promotedFull()).isFalse();
  }
}
