package io.rollwave.operator.bridge;

import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.RolloutWorkflow;
import io.temporal.client.WorkflowClient;

/** Tells a deployment's rollout workflow that its fleet's counts changed. */
@FunctionalInterface
public interface RolloutSignals {
  /**
   * Signals the internal {@link RolloutWorkflow#FLEET_SIGNAL} with {@code counts}; throws {@link
   * io.temporal.client.WorkflowNotFoundException} when no rollout of the deployment runs.
   */
  void fleetChanged(String namespace, String deployment, FleetCounts counts);

  /** Signals through Temporal, to the deployment's workflow id. */
  static RolloutSignals temporal(WorkflowClient workflows) {
    return (namespace, deployment, counts) ->
        workflows
            .newUntypedWorkflowStub(RolloutInput.workflowId(namespace, deployment))
            .signal(RolloutWorkflow.FLEET_SIGNAL, counts);
  }
}
