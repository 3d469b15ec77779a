package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.rollout.RolloutInput;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the rollout of a deleted DeviceProcessDeployment: its workflow is cancelled at once, so no
 * further batch starts and the batch under way stops at its next heartbeat. A deployment deleted
 * while no operator ran is found at start by {@link #sweep}, which cancels every running rollout
 * whose deployment is gone. Cancelled, not terminated: the run's history says why.
 */
public final class DeletedDeployments implements ResourceEventHandler<DeviceProcessDeployment> {
  private static final Logger LOG = LoggerFactory.getLogger(DeletedDeployments.class);

  private final WorkflowClient workflows;

  public DeletedDeployments(WorkflowClient workflows) {
    this.workflows = workflows;
  }

  @Override
  public void onAdd(DeviceProcessDeployment dpd) {}

  @Override
  public void onUpdate(DeviceProcessDeployment old, DeviceProcessDeployment dpd) {}

  @Override
  public void onDelete(DeviceProcessDeployment dpd, boolean deletedFinalStateUnknown) {
    cancel(dpd.getMetadata().getNamespace(), dpd.getMetadata().getName());
  }

  /**
   * Cancels the running rollouts of deployments that no longer exist; {@code exists} says whether
   * {@code namespace/name} does, and {@code watched} whether this operator watches the namespace
   * (another operator's rollouts are not ours to end).
   */
  public void sweep(BiPredicate<String, String> exists, Predicate<String> watched) {
    String query =
        "WorkflowType = '" + RolloutStarter.WORKFLOW_TYPE + "' AND ExecutionStatus = 'Running'";
    try {
      workflows
          .listExecutions(query)
          .map(WorkflowExecutionMetadata::getExecution)
          .forEach(
              execution ->
                  deploymentOf(execution.getWorkflowId())
                      .filter(d -> watched.test(d[0]) && !exists.test(d[0], d[1]))
                      .ifPresent(d -> cancel(d[0], d[1])));
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot list running rollouts to end those of deleted deployments ({}); a deployment"
              + " deleted while no operator ran keeps its rollout until cancelled by hand",
          e.toString());
    }
  }

  private void cancel(String namespace, String name) {
    String id = RolloutInput.workflowId(namespace, name);
    try {
      var stub = workflows.newUntypedWorkflowStub(id);
      if (stub.describe().getWorkflowExecutionInfo().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return;
      }
      stub.cancel("DeviceProcessDeployment " + namespace + "/" + name + " was deleted");
      LOG.info("dpd {}/{}: deleted, rollout {} cancelled", namespace, name, id);
    } catch (WorkflowNotFoundException e) {
      LOG.debug("dpd {}/{}: deleted, no rollout to cancel", namespace, name);
    } catch (RuntimeException e) {
      LOG.warn(
          "dpd {}/{}: deleted, but its rollout {} could not be cancelled ({}); cancel it with"
              + " `temporal workflow cancel --workflow-id {}`",
          namespace,
          name,
          id,
          e.toString(),
          id);
    }
  }

  /** {@code [namespace, name]} of a {@code rollout/<namespace>/<name>} workflow id. */
  static Optional<String[]> deploymentOf(String workflowId) {
    String[] parts = workflowId.split("/", -1);
    return parts.length == 3 && "rollout".equals(parts[0])
        ? Optional.of(new String[] {parts[1], parts[2]})
        : Optional.empty();
  }
}
