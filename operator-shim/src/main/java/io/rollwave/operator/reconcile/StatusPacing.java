package io.rollwave.operator.reconcile;

import io.rollwave.api.common.Condition;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How often a deployment's status is written while its devices report: a change of revision,
 * generation, rollout or condition is written at once; a change of counts alone at most once per
 * interval, the newest counts when the interval ends. At 10,000 devices reporting within seconds
 * that is a handful of writes instead of thousands. Pure.
 */
public final class StatusPacing {
  public static final Duration COUNTS_INTERVAL = Duration.ofSeconds(1);

  /** Counting a fleet reads every DP in the cache: a large fleet is counted less often. */
  static final Duration RECOUNT_PER_DEVICE = Duration.ofNanos(200_000);

  static final Duration MAX_RECOUNT_INTERVAL = Duration.ofSeconds(5);

  private StatusPacing() {}

  /**
   * How long to hold {@code next} back, given the status last written and when (nanoTime; null for
   * never); zero to write it now.
   */
  public static Duration holdBack(
      DeviceProcessDeploymentStatus written,
      DeviceProcessDeploymentStatus next,
      Long writtenAt,
      long now) {
    if (writtenAt == null || written == null || !countsOnly(written, next)) {
      return Duration.ZERO;
    }
    return left(COUNTS_INTERVAL.toNanos(), writtenAt, now);
  }

  /**
   * How long to wait before counting a fleet of {@code devices} again, given when it was last
   * counted (nanoTime; null for never); zero to count now. 0.2 ms per device, at most 5 s: 2 s at
   * 10,000 devices, below the reconcile rate limit under 2,500. Only for reconciles that bring no
   * news but counts; a new revision, generation or rollout phase is counted at once.
   */
  public static Duration recountIn(int devices, Long countedAt, long now) {
    if (countedAt == null) {
      return Duration.ZERO;
    }
    return left(
        Math.min(MAX_RECOUNT_INTERVAL.toNanos(), RECOUNT_PER_DEVICE.toNanos() * devices),
        countedAt,
        now);
  }

  /** What is left of {@code intervalNanos} begun at {@code since} (nanoTime), or zero. */
  private static Duration left(long intervalNanos, long since, long now) {
    long left = intervalNanos - (now - since);
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** True when {@code a} and {@code b} differ in their counts and in nothing else. */
  static boolean countsOnly(DeviceProcessDeploymentStatus a, DeviceProcessDeploymentStatus b) {
    return Objects.equals(a.observedGeneration(), b.observedGeneration())
        && Objects.equals(a.updateRevision(), b.updateRevision())
        && Objects.equals(a.currentRevision(), b.currentRevision())
        && Objects.equals(a.rollout(), b.rollout())
        && sameConditionStates(a.conditions(), b.conditions());
  }

  /** Same types with the same status and reason; the counts in their messages may differ. */
  private static boolean sameConditionStates(List<Condition> a, List<Condition> b) {
    if (a == null || b == null || a.size() != b.size()) {
      return Objects.equals(a, b);
    }
    for (int i = 0; i < a.size(); i++) {
      Condition x = a.get(i);
      Condition y = b.get(i);
      if (!Objects.equals(x.type(), y.type())
          || !Objects.equals(x.status(), y.status())
          || !Objects.equals(x.reason(), y.reason())) {
        return false;
      }
    }
    return true;
  }
}
