package io.rollwave.operator.reconcile;

import io.rollwave.rollout.fleet.ModelledDevice;

/**
 * A DeviceProcess reduced to what deployment status counts need: the revision it is set to, whether
 * it is ready (Running and healthy for that revision), and available (ready for minReadySeconds).
 */
public record ProcessView(String name, String revision, boolean ready, boolean available) {
  /** A view without a bake time: available as soon as ready. */
  public ProcessView(String name, String revision, boolean ready) {
    this(name, revision, ready, ready);
  }

  /** {@code device} as the fleet model decided it. */
  public static ProcessView of(ModelledDevice device) {
    return new ProcessView(device.name(), device.revision(), device.ready(), device.available());
  }
}
