package io.rollwave.rollout.plan;

import java.util.OptionalInt;

/**
 * The window of a rolling update in absolute counts: at most {@code maxUnavailable} devices
 * unavailable at once, and at most {@code maxUnavailablePerPartition} in any one partition.
 */
public record WindowLimits(int maxUnavailable, OptionalInt maxUnavailablePerPartition) {
  public WindowLimits {
    if (maxUnavailable < 1) {
      throw new IllegalArgumentException(
          "maxUnavailable must be at least 1, got " + maxUnavailable);
    }
    if (maxUnavailablePerPartition.isPresent() && maxUnavailablePerPartition.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "maxUnavailablePerPartition must be at least 1, got "
              + maxUnavailablePerPartition.getAsInt());
    }
  }

  public static WindowLimits of(int maxUnavailable) {
    return new WindowLimits(maxUnavailable, OptionalInt.empty());
  }

  public static WindowLimits of(int maxUnavailable, int maxUnavailablePerPartition) {
    return new WindowLimits(maxUnavailable, OptionalInt.of(maxUnavailablePerPartition));
  }

  /**
   * Resolves the spec's int-or-percent values against the fleet, the Kubernetes way: a percentage
   * of maxUnavailable rounds up and never gives less than 1, so a rollout always moves.
   */
  public static WindowLimits resolve(
      IntOrPercent maxUnavailable,
      int fleetSize,
      IntOrPercent maxUnavailablePerPartition,
      int largestPartition) {
    int window = Math.max(1, maxUnavailable.scaledTo(fleetSize, true));
    if (maxUnavailablePerPartition == null) {
      return of(window);
    }
    return of(window, Math.max(1, maxUnavailablePerPartition.scaledTo(largestPartition, true)));
  }
}
