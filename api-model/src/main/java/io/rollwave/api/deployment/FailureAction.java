package io.rollwave.api.deployment;

/** What the health gate does once too many devices failed: hold the rollout, or roll it back. */
public enum FailureAction {
  Pause,
  Rollback
}
