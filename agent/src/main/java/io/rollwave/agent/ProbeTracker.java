package io.rollwave.agent;

/**
 * Counts consecutive probe results against a health check's thresholds: healthy after {@code
 * successThreshold} successes in a row, unhealthy after {@code failureThreshold} failures in a row.
 * Starts unknown (null). Pure.
 */
final class ProbeTracker {
  private final int successThreshold;
  private final int failureThreshold;
  private int successes;
  private int failures;
  private Boolean healthy;

  ProbeTracker(int successThreshold, int failureThreshold) {
    this.successThreshold = successThreshold;
    this.failureThreshold = failureThreshold;
  }

  /** Records one probe; returns true when the healthy state changed. */
  boolean record(boolean success) {
    Boolean before = healthy;
    if (success) {
      successes++;
      failures = 0;
      if (successes >= successThreshold) {
        healthy = true;
      }
    } else {
      failures++;
      successes = 0;
      if (failures >= failureThreshold) {
        healthy = false;
      }
    }
    return !java.util.Objects.equals(before, healthy);
  }

  /** True, false, or null while not yet decided. */
  Boolean healthy() {
    return healthy;
  }

  void reset() {
    successes = 0;
    failures = 0;
    healthy = null;
  }
}
