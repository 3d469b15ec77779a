package io.rollwave.api.rollout;

/**
 * What one rollout run moves the fleet to: the deployment, the revision (a ControllerRevision
 * name), the window policy as the spec wrote it (int-or-percent strings; null when unset), and
 * whether {@code spec.paused} holds the rollout (null, as in payloads from before the field, means
 * no).
 */
public record RolloutInput(
    String namespace,
    String deployment,
    String revision,
    String maxUnavailable,
    String partitionBy,
    String maxUnavailablePerPartition,
    Boolean paused) {

  public boolean held() {
    return Boolean.TRUE.equals(paused);
  }

  /** The workflow id of a deployment's rollouts: one workflow per DeviceProcessDeployment. */
  public String workflowId() {
    return workflowId(namespace, deployment);
  }

  public static String workflowId(String namespace, String deployment) {
    return "rollout/" + namespace + "/" + deployment;
  }

  public RolloutInput withRevision(String newRevision) {
    return new RolloutInput(
        namespace,
        deployment,
        newRevision,
        maxUnavailable,
        partitionBy,
        maxUnavailablePerPartition,
        paused);
  }

  public RolloutInput withPaused(boolean held) {
    return new RolloutInput(
        namespace,
        deployment,
        revision,
        maxUnavailable,
        partitionBy,
        maxUnavailablePerPartition,
        held);
  }
}
