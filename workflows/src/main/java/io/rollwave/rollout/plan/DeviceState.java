package io.rollwave.rollout.plan;

import java.util.Objects;

/**
 * What the planner knows of one device: its name, the partition it belongs to ("" when the
 * deployment has no {@code partitionBy}), the revision its DeviceProcess is set to, whether it
 * counts as available, and whether it has failed at that revision (its agent says so, or it missed
 * the progress deadline).
 */
public record DeviceState(
    String name, String partition, String revision, boolean available, boolean failed) {
  public DeviceState {
    Objects.requireNonNull(name, "name");
    partition = partition == null ? "" : partition;
    Objects.requireNonNull(revision, "revision");
  }

  public DeviceState(String name, String partition, String revision, boolean available) {
    this(name, partition, revision, available, false);
  }
}
