package io.rollwave.activities;

import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.FleetActivities;
import io.temporal.activity.Activity;

/** The rollout's activities on a real API server. */
public final class FleetActivitiesImpl implements FleetActivities {
  private final BatchMover mover;

  public FleetActivitiesImpl(BatchMover mover) {
    this.mover = mover;
  }

  @Override
  public BatchResult moveNextBatch(RolloutInput input) {
    return mover.move(input, patched -> Activity.getExecutionContext().heartbeat(patched));
  }
}
