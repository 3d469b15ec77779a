package io.rollwave.api.rollout;

import java.util.List;

/**
 * What one rollout run moves the fleet to: the deployment, the revision (a ControllerRevision
 * name), the window policy as the spec wrote it (int-or-percent strings; null when unset), whether
 * {@code spec.paused} holds the rollout, and the health gate ({@code failurePolicy}, {@code
 * progressDeadlineSeconds}), the stable revision (the last one the whole fleet completed; what a
 * rollback returns to), the canary steps and the strategy type, the version of the template's
 * artifact (what people call the release: {@code v1.2.4}) and the revisions with a stored
 * ControllerRevision (what {@code undoRollout} may return to). Fields absent from older payloads
 * read as null and mean the defaults.
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
    Integer minReadySeconds,
    String stableRevision,
    List<CanaryStep> steps,
    String strategy,
    String version,
    List<String> storedRevisions) {

  public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  /** A rollout with only a window: no partitions, no hold, the default gate and no bake time. */
  public static RolloutInput of(
      String namespace, String deployment, String revision, String maxUnavailable) {
    return new RolloutInput(
        namespace,
        deployment,
        revision,
        maxUnavailable,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
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
        minReadySeconds,
        stableRevision,
        steps,
        strategy,
        version,
        storedRevisions);
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
        minReadySeconds,
        stableRevision,
        steps,
        strategy,
        version,
        storedRevisions);
  }

  public RolloutInput withStableRevision(String stable) {
    return new RolloutInput(
        namespace,
        deployment,
        revision,
        maxUnavailable,
        partitionBy,
        maxUnavailablePerPartition,
        paused,
        maxFailures,
        failureAction,
        progressDeadlineSeconds,
        minReadySeconds,
        stable,
        steps,
        strategy,
        version,
        storedRevisions);
  }

  public RolloutInput withSteps(List<CanaryStep> newSteps) {
    return new RolloutInput(
        namespace,
        deployment,
        revision,
        maxUnavailable,
        partitionBy,
        maxUnavailablePerPartition,
        paused,
        maxFailures,
        failureAction,
        progressDeadlineSeconds,
        minReadySeconds,
        stableRevision,
        newSteps,
        strategy,
        version,
        storedRevisions);
  }

  /** The template's artifact version, or the revision when the operator did not send one. */
  public String versionOrRevision() {
    return version == null || version.isBlank() ? revision : version;
  }

  /**
   * Whether {@code candidate} has a stored ControllerRevision; true for any when the operator sent
   * no list (payloads from before it did), so older rollouts are not refused what they could do.
   */
  public boolean stored(String candidate) {
    return storedRevisions == null || storedRevisions.contains(candidate);
  }

  public RolloutInput withStoredRevisions(List<String> stored) {
    return new RolloutInput(
        namespace,
        deployment,
        revision,
        maxUnavailable,
        partitionBy,
        maxUnavailablePerPartition,
        paused,
        maxFailures,
        failureAction,
        progressDeadlineSeconds,
        minReadySeconds,
        stableRevision,
        steps,
        strategy,
        version,
        stored);
  }

  /** The canary steps, none when unset. */
  public List<CanaryStep> canarySteps() {
    return steps == null ? List.of() : steps;
  }

  /** Recreate: every device moves at once (each agent stops the old process, then starts). */
  public boolean recreate() {
    return "Recreate".equals(strategy);
  }

  /** A revision to roll back to: set, and not the revision this run rolls out. */
  public boolean hasStableRevision() {
    return stableRevision != null && !stableRevision.isBlank() && !stableRevision.equals(revision);
  }

  /** {@code failurePolicy.action: Rollback}. */
  public boolean rollsBackOnFailure() {
    return "Rollback".equals(failureAction);
  }
}
