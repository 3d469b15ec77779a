package io.rollwave.api.rollout;

/**
 * What one rollout run moves the fleet to: the deployment, the revision (a ControllerRevision
 * name), the window policy as the spec wrote it (int-or-percent strings; null when unset), whether
 * {@code spec.paused} holds the rollout, and the health gate ({@code failurePolicy}, {@code
 * progressDeadlineSeconds}). Fields absent from older payloads read as null and mean the defaults.
 */
public record RolloutInput(
    String namespace,
    String deployment,
    String revision,
    String maxUnavailable,
    String partitionBy,
    String maxUnavailablePerPartition,
    Boolean paused,
    String maxFailures,
    String failureAction,
    Integer progressDeadlineSeconds,
    Integer minReadySeconds) {

  public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  /** A rollout with only a window: no partitions, no hold, the default gate and no bake time. */
  public static RolloutInput of(
      String namespace, String deployment, String revision, String maxUnavailable) {
    return new RolloutInput(
        namespace, deployment, revision, maxUnavailable, null, null, null, null, null, null, null);
  }

  public boolean held() {
    return Boolean.TRUE.equals(paused);
  }

  /** Failed devices tolerated (N, or P% of the devices moved); "0" when unset. */
  public String failureBudget() {
    return maxFailures == null ? "0" : maxFailures;
  }

  /** Seconds a device must be ready before it counts as available (0 when unset). */
  public int bakeSeconds() {
    return minReadySeconds == null ? 0 : minReadySeconds;
  }

  /** Seconds a moved device has to become available before it counts as failed. */
  public int deadlineSeconds() {
    return progressDeadlineSeconds == null
        ? DEFAULT_PROGRESS_DEADLINE_SECONDS
        : progressDeadlineSeconds;
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
        paused,
        maxFailures,
        failureAction,
        progressDeadlineSeconds,
        minReadySeconds);
  }

  public RolloutInput withPaused(boolean held) {
    return new RolloutInput(
        namespace,
        deployment,
        revision,
        maxUnavailable,
        partitionBy,
        maxUnavailablePerPartition,
        held,
        maxFailures,
        failureAction,
        progressDeadlineSeconds,
        minReadySeconds);
  }
}
