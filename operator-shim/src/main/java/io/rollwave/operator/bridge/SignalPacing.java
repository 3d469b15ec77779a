package io.rollwave.operator.bridge;

/**
 * How often a deployment's rollout hears of its fleet: every {@code base} for up to {@link
 * #DEVICES_PER_STEP} devices, one {@code base} more for each further step, at most {@link
 * #MAX_STEPS} of them. Every signal costs the workflow's history about a dozen events (the signal,
 * a workflow task, usually a batch activity), so a large fleet is told less often; its window is
 * large too, so each batch then moves more devices. Pure.
 */
public final class SignalPacing {
  static final int DEVICES_PER_STEP = 4_000;
  static final int MAX_STEPS = 5;

  private SignalPacing() {}

  public static long intervalMillis(long baseMillis, int devices) {
    int steps =
        Math.min(MAX_STEPS, Math.max(1, (devices + DEVICES_PER_STEP - 1) / DEVICES_PER_STEP));
    return baseMillis * steps;
  }
}
