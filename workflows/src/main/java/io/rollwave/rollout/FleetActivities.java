package io.rollwave.rollout;

import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutPhaseReport;
import io.temporal.activity.ActivityInterface;

/** The rollout's reach into the fleet; implementations read and patch DeviceProcess resources. */
@ActivityInterface
public interface FleetActivities {

  /**
   * Observes the deployment's devices, asks the window planner which to move to {@code
   * input.revision()} now, sets those DeviceProcesses to the revision, and returns what it did and
   * the fleet it saw. Idempotent: a device already set to the revision is never chosen again, so a
   * retried or repeated call moves nobody twice and never widens the window. {@code upTo} is the
   * current canary step's bound on devices set to the revision (N or P% of the fleet), null for
   * none. A policy that cannot be applied or a revision that cannot be read fails without retry.
   */
  BatchResult moveNextBatch(RolloutInput input, String upTo);

  /**
   * The batches a rollout of {@code input.revision()} would take for the fleet as it is now, with
   * {@code input}'s window (canary steps aside). Reads only, so any number of calls is safe.
   */
  PlanSummary previewPlan(RolloutInput input);

  /**
   * Records a Kubernetes event on the deployment. Best effort and not idempotent: a retried call
   * may record the event twice, which costs a duplicate line in {@code kubectl describe}, nothing
   * more.
   */
  void recordEvent(RolloutEvent event);

  /**
   * Writes the rollout's phase into the deployment's {@code status.rollout}. Idempotent: writing
   * the same phase again changes nothing; a deleted deployment is no error.
   */
  void reportPhase(RolloutPhaseReport report);
}
