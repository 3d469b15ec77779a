package io.rollwave.rollout.plan;

import java.util.Objects;

/**
 * What the planner knows of one device: its name, the partition it belongs to ("" when the
 * deployment has no {@code partitionBy}), the revision its DeviceProcess is set to, and whether it
 * counts as available.
 */
public record DeviceState(String name, String partition, String revision, boolean available) {
  public DeviceState {
    Objects.requireNonNull(name, "name");
    partition = partition == null ? "" : partition;
    Objects.requireNonNull(revision, "revision");
  }
}
