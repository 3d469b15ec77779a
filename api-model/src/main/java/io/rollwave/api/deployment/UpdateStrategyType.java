package io.rollwave.api.deployment;

/**
 * RollingUpdate moves devices through a window; Recreate stops every device, then starts every one.
 */
public enum UpdateStrategyType {
  RollingUpdate,
  Recreate
}
