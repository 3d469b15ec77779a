package io.rollwave.rollout.fleet;

import io.rollwave.api.rollout.RolloutInput;

/**
 * The part of a rollout policy that decides a device's state: how long it must be ready to count
 * available ({@code minReadySeconds}), and how long after being set to its revision it may take
 * before it counts failed ({@code progressDeadlineSeconds}).
 */
public record DevicePolicy(int minReadySeconds, int progressDeadlineSeconds) {
  /** No bake time, the API's default deadline. */
  public static final DevicePolicy DEFAULT =
      new DevicePolicy(0, RolloutInput.DEFAULT_PROGRESS_DEADLINE_SECONDS);

  /** The spec's values, absent ones at their defaults. */
  public static DevicePolicy of(Integer minReadySeconds, Integer progressDeadlineSeconds) {
    return new DevicePolicy(
        minReadySeconds == null ? 0 : minReadySeconds,
        progressDeadlineSeconds == null
            ? RolloutInput.DEFAULT_PROGRESS_DEADLINE_SECONDS
            : progressDeadlineSeconds);
  }

  public static DevicePolicy of(RolloutInput input) {
    return new DevicePolicy(input.bakeSeconds(), input.deadlineSeconds());
  }
}
