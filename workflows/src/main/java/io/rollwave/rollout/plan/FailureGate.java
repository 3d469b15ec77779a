package io.rollwave.rollout.plan;

import io.rollwave.api.rollout.FleetCounts;

/**
 * The health gate of {@code spec.failurePolicy}: more devices failed at the revision than {@code
 * maxFailures} allows (N, or P% of the devices set to the revision, rounded down), beyond those a
 * person already accepted by resuming, trips it. Pure.
 */
public final class FailureGate {
  private FailureGate() {}

  /** The verdict: whether the gate tripped and the budget it compared against. */
  public record Verdict(boolean tripped, int budget, int failed) {}

  /**
   * @throws IllegalArgumentException when {@code maxFailures} is neither an int nor a percentage
   */
  public static Verdict check(String maxFailures, FleetCounts fleet, int acceptedFailures) {
    int budget =
        IntOrPercent.parse(maxFailures == null ? "0" : maxFailures)
            .scaledTo(fleet.updated(), false);
    return new Verdict(fleet.failed() > budget + acceptedFailures, budget, fleet.failed());
  }
}
