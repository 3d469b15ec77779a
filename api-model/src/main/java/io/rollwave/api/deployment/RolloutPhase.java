package io.rollwave.api.deployment;

/** Where a deployment's current rollout stands. */
public enum RolloutPhase {
  Progressing,
  Paused,
  Degraded,
  RollingBack,
  Complete,
  Aborted
}
