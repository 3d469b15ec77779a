package io.rollwave.activities;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutPhaseReport;
import io.rollwave.rollout.FleetActivities;
import io.temporal.activity.Activity;

/** The rollout's activities on a real API server. */
public final class FleetActivitiesImpl implements FleetActivities {
  private final BatchMover mover;
  private final DeploymentEvents events;
  private final DeploymentRolloutStatus status;

  public FleetActivitiesImpl(
      BatchMover mover, DeploymentEvents events, DeploymentRolloutStatus status) {
    this.mover = mover;
    this.events = events;
    this.status = status;
  }

  @Override
  public BatchResult moveNextBatch(RolloutInput input, String upTo) {
    try {
      return mover.move(input, upTo, patched -> Activity.getExecutionContext().heartbeat(patched));
    } catch (KubernetesClientException e) {
      throw ApiFailures.classify(input, e);
    }
  }

  @Override
  public PlanSummary previewPlan(RolloutInput input) {
    try {
      return mover.preview(input);
    } catch (KubernetesClientException e) {
      throw ApiFailures.classify(input, e);
    }
  }

  @Override
  public void recordEvent(RolloutEvent event) {
    events.record(event);
  }

  @Override
  public void reportPhase(RolloutPhaseReport report) {
    status.write(report);
  }
}
