package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.RolloutInput;
import java.util.List;
import java.util.Optional;

/**
 * Whether a person's control (the {@code *Rollout} updates) makes sense for a {@link RunState}, and
 * what an accepted one answers; pure. A refusal says why and what to do instead.
 */
final class RolloutControls {
  static final String STARTING = "the rollout is starting; try again in a moment";

  private RolloutControls() {}

  static Optional<String> pauseRefusal(RunState s) {
    return ended(s, "pause")
        .or(
            () ->
                s.heldBySpec()
                    ? Optional.of("the rollout is already held by spec.paused")
                    : Optional.empty())
        .or(
            () ->
                s.pausedBy() == null
                    ? Optional.empty()
                    : Optional.of("the rollout is already paused by " + s.pausedBy().describe()));
  }

  static Optional<String> resumeRefusal(RunState s) {
    if (s.heldBySpec()) {
      return Optional.of(specHold(s.input()));
    }
    return s.pausedBy() == null
        ? Optional.of("the rollout is not paused (phase " + s.phase() + ")")
        : Optional.empty();
  }

  static Optional<String> promoteRefusal(RunState s) {
    if (s.heldBySpec()) {
      return Optional.of(specHold(s.input()));
    }
    Optional<String> ended = ended(s, "promote");
    if (ended.isPresent() || s.pausedBy() != null || s.currentStep() != null) {
      return ended;
    }
    int steps = s.input().canarySteps().size();
    String why =
        s.rollingBack()
            ? "a rollback has no canary steps"
            : steps == 0
                ? "the deployment has no canary steps"
                : "all " + steps + " steps are done";
    return Optional.of(
        "nothing to promote: the rollout is not paused and " + why + " (phase " + s.phase() + ")");
  }

  static Optional<String> abortRefusal(RunState s) {
    if (s.phase() == RolloutPhase.Complete) {
      return Optional.of("the rollout is finished (phase Complete): use undoRollout to go back");
    }
    if (s.phase() == RolloutPhase.Aborted) {
      return Optional.of(
          "the rollout is already Aborted: retryRollout starts it again, undoRollout goes to"
              + " another revision");
    }
    return s.rollingBack()
        ? Optional.of("the fleet is already rolling back to revision " + s.input().revision())
        : Optional.empty();
  }

  static Optional<String> retryRefusal(RunState s) {
    return RolloutTransitions.retriable(s)
        ? Optional.empty()
        : Optional.of(
            "nothing to retry: the rollout is "
                + s.phase()
                + "; retryRollout is for a Degraded rollout (once its cause is fixed) or an"
                + " Aborted one");
  }

  /** {@code revision} null or blank: the stable revision. */
  static Optional<String> undoRefusal(RunState s, String revision) {
    if (s.phase() == RolloutPhase.Complete) {
      return Optional.of("the rollout is finishing; undo once the next run has started");
    }
    RolloutInput from = s.rollingBack() ? s.abandoned() : s.input();
    String to = blank(revision) ? from.stableRevision() : revision;
    if (blank(to)) {
      return Optional.of(
          "there is no stable revision to return to (no earlier revision completed on the whole"
              + " fleet); name one with \"revision\"");
    }
    if (to.equals(from.revision())) {
      return Optional.of("revision " + to + " is the one being rolled out");
    }
    if (s.rollingBack() && to.equals(s.input().revision())) {
      return Optional.of("the fleet is already rolling back to revision " + to);
    }
    if (!s.input().stored(to)) {
      return Optional.of(
          "revision "
              + to
              + " has no stored ControllerRevision (never applied, or pruned by"
              + " spec.revisionHistoryLimit); stored: "
              + String.join(", ", stored(s)));
    }
    return Optional.empty();
  }

  static ControlOutcome paused(RunState before, RunState after) {
    return outcome(
        "pause",
        before,
        RolloutPhase.Paused,
        "paused by "
            + after.pausedBy().describe()
            + at(before)
            + "; devices already moving finish, no new device moves until resumeRollout");
  }

  static ControlOutcome resumed(RunState before, RunState after) {
    return outcome(
        "resume",
        before,
        after.progressingPhase(),
        "resumed"
            + at(before)
            + (after.acceptedFailures() > 0
                ? "; the " + after.acceptedFailures() + " failed devices seen so far are accepted"
                : ""));
  }

  static ControlOutcome promoted(RunState before, RunState after, boolean full) {
    CanaryStep step = before.currentStep();
    String what;
    if (full && step != null) {
      what =
          "skipping every remaining canary step from step "
              + (before.step() + 1)
              + " of "
              + before.input().canarySteps().size();
    } else if (step != null && before.pausedBy() == null) {
      what = "skipping step " + (before.step() + 1) + " (" + step.describe() + ")";
    } else {
      what = "ending the pause by " + before.pausedBy().describe();
    }
    return outcome("promote", before, after.progressingPhase(), what + at(before));
  }

  static ControlOutcome aborted(RunState before) {
    RolloutInput in = before.input();
    return in.hasStableRevision()
        ? outcome(
            "abort",
            before,
            RolloutPhase.RollingBack,
            "rolling the "
                + before.counts().updated()
                + " devices at revision "
                + in.revision()
                + " back to the stable revision "
                + in.stableRevision())
        : outcome(
            "abort",
            before,
            RolloutPhase.Aborted,
            "no stable revision to return to (first rollout): devices stay where they are");
  }

  static ControlOutcome undone(RunState before, String revision) {
    RolloutInput from = before.rollingBack() ? before.abandoned() : before.input();
    String to = blank(revision) ? from.stableRevision() : revision;
    return outcome(
        "undo",
        before,
        RolloutPhase.RollingBack,
        "rolling every device not at revision " + to + " back to it, through the window");
  }

  static ControlOutcome retried(RunState before) {
    if (before.phase() == RolloutPhase.Aborted) {
      String left =
          before.abandoned() == null ? before.input().revision() : before.abandoned().revision();
      return outcome(
          "retry",
          before,
          RolloutPhase.Progressing,
          "starting the rollout of revision " + left + " again from the beginning");
    }
    return outcome(
        "retry", before, before.progressingPhase(), "trying the failed batch again" + at(before));
  }

  private static ControlOutcome outcome(
      String action, RunState before, RolloutPhase after, String message) {
    return new ControlOutcome(action, before.phase().name(), after.name(), message);
  }

  /** Where the rollout stands, for an outcome's message. */
  private static String at(RunState s) {
    int steps = s.input().canarySteps().size();
    String step =
        steps == 0 || s.rollingBack()
            ? ""
            : ", step " + Math.min(s.step() + 1, steps) + " of " + steps;
    return " ("
        + s.counts().updated()
        + "/"
        + s.counts().total()
        + " devices at revision "
        + s.input().revision()
        + step
        + ")";
  }

  private static Optional<String> ended(RunState s, String what) {
    if (s.phase() == RolloutPhase.Complete) {
      return Optional.of("the rollout is finished (phase Complete): nothing to " + what);
    }
    if (s.phase() == RolloutPhase.Aborted) {
      return Optional.of(
          "the rollout is Aborted and moves nothing: nothing to "
              + what
              + "; retryRollout starts it again");
    }
    return Optional.empty();
  }

  static String specHold(RolloutInput in) {
    return "the rollout is held by spec.paused: kubectl patch dpd "
        + in.deployment()
        + " -n "
        + in.namespace()
        + " --type merge -p '{\"spec\":{\"paused\":false}}'";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The stored revisions, for tests and messages; empty when the operator sent none. */
  static List<String> stored(RunState s) {
    return s.input().storedRevisions() == null ? List.of() : s.input().storedRevisions();
  }
}
