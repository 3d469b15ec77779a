package io.rollwave.rollout;

import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One deployment's rollouts, workflow id {@code rollout/<namespace>/<name>}. Each run moves the
 * fleet to one revision through the window; a new revision continues the workflow as a new run.
 */
@WorkflowInterface
public interface RolloutWorkflow {

  /** Rolls the fleet to {@code input.revision()}; returns the fleet when every device is there. */
  @WorkflowMethod
  FleetCounts run(RolloutInput input);

  /**
   * The deployment's current target, sent with every signal-with-start by the operator. The same
   * revision is a no-op; another revision supersedes this run.
   */
  @SignalMethod
  void target(RolloutInput input);

  /** Aggregated device status changed (counts only); wakes the rollout to plan the next batch. */
  @SignalMethod
  void fleetChanged(FleetCounts fleet);

  @QueryMethod
  RolloutProgress progress();
}
