package io.rollwave.rollout;

import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutState;
import io.rollwave.rollout.RunState.PendingRollback;

/**
 * What a rollback asked for comes to, pure: a run of its own that moves every device not at the
 * revision back to it (no steps, no gate), or why not. {@code next} and {@code carried} are that
 * run's input and state ({@link Kind#START} only).
 */
record RollbackPlan(
    Kind kind,
    PendingRollback wanted,
    RolloutInput from,
    String to,
    RolloutInput next,
    RolloutState carried) {

  enum Kind {
    /** The revision asked for is the one being rolled out. */
    IGNORED,
    /** No revision to return to: an abort stops where it stands, a rollback is refused. */
    REFUSED,
    /** This run already rolls back to that revision. */
    ALREADY_THERE,
    /** Continue as new with {@code next} and {@code carried}. */
    START
  }

  /** The plan for the rollback {@code s} wants. */
  static RollbackPlan of(RunState s) {
    PendingRollback wanted = s.rollbackWanted();
    RolloutInput from = s.rollingBack() ? s.abandoned() : s.input();
    String to = wanted.revision() != null ? wanted.revision() : from.stableRevision();
    if (to != null && to.equals(from.revision())) {
      return new RollbackPlan(Kind.IGNORED, wanted, from, to, null, null);
    }
    if (to == null || to.isBlank()) {
      return new RollbackPlan(Kind.REFUSED, wanted, from, to, null, null);
    }
    if (s.rollingBack() && to.equals(s.input().revision())) {
      return new RollbackPlan(Kind.ALREADY_THERE, wanted, from, to, null, null);
    }
    return new RollbackPlan(
        Kind.START,
        wanted,
        from,
        to,
        from.withRevision(to).withPaused(s.heldBySpec()),
        RolloutState.rollingBack(from, wanted.by(), wanted.abort()));
  }
}
