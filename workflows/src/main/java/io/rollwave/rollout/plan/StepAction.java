package io.rollwave.rollout.plan;

import java.util.OptionalInt;

/** What the rollout does at its current canary step; see {@link CanarySteps}. */
public sealed interface StepAction {

  /** Move devices through the window until {@code cap} devices are set to the revision. */
  record MoveUpTo(int cap) implements StepAction {}

  /** The step's devices are set and have settled: go on to the next step. */
  record Advance() implements StepAction {}

  /** Wait {@code seconds} (or, when empty, until resumed or promoted), then go on. */
  record Pause(OptionalInt seconds) implements StepAction {}

  /** Past the last step (or none): the rest of the fleet goes through the window. */
  record Unbounded() implements StepAction {}
}
