package io.rollwave.activities;

import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.FleetActivities;
import io.temporal.activity.Activity;

/** The rollout's activities on a real API server. */
public final class FleetActivitiesImpl implements FleetActivities {
  private final BatchMover mover;
  private final DeploymentEvents events;

  public FleetActivitiesImpl(BatchMover mover, DeploymentEvents events) {
    this.mover = mover;
    this.events = events;
  }

  @Override
  public BatchResult moveNextBatch(RolloutInput input) {
    return mover.move(input, patched -> Activity.getExecutionContext().heartbeat(patched));
  }

  @Override
  public void recordEvent(RolloutEvent event) {
    events.record(event);
  }
}
