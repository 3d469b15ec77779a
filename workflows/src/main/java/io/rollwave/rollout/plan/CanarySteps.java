package io.rollwave.rollout.plan;

import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.FleetCounts;
import java.util.List;
import java.util.OptionalInt;

/**
 * The canary steps of {@code rollingUpdate.steps}, pure. A {@code batch: N|P%} step bounds how many
 * devices are set to the revision (P% of the fleet rounds up, at least 1, at most the fleet) and is
 * passed once that many have settled (available, or failed within the failure budget, which the
 * gate judges separately); a {@code pause} step waits its duration, or until resume or promote when
 * it has none. After the last step the window alone bounds the rollout.
 */
public final class CanarySteps {
  private CanarySteps() {}

  public static StepAction at(List<CanaryStep> steps, int index, FleetCounts fleet) {
    if (index >= steps.size()) {
      return new StepAction.Unbounded();
    }
    CanaryStep step = steps.get(index);
    if (step.pauses()) {
      return new StepAction.Pause(
          step.openEnded() ? OptionalInt.empty() : OptionalInt.of(step.pauseSeconds()));
    }
    int cap = cap(step, fleet.total());
    if (fleet.updated() >= cap && fleet.updatedAvailable() + fleet.failed() >= cap) {
      return new StepAction.Advance();
    }
    return new StepAction.MoveUpTo(cap);
  }

  /** The devices a batch step allows at the revision for a fleet of {@code total}. */
  public static int cap(CanaryStep step, int total) {
    int cap = Math.max(1, IntOrPercent.parse(step.batch()).scaledTo(total, true));
    return Math.min(cap, total);
  }
}
