package io.rollwave.ctl;

import io.rollwave.api.rollout.FailedDevice;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code get} shows and {@code status} judges: one deployment's rollout, from the workflow's
 * {@code progress} query when Temporal answered ({@code live}), else from the DPD's status alone.
 * {@code observed} is false while the operator or the workflow has yet to take up the latest spec.
 */
public record RolloutView(
    String namespace,
    String name,
    String phase,
    Optional<String> pausedBy,
    Optional<String> message,
    Optional<Revision> stable,
    Optional<Revision> update,
    int step,
    int steps,
    OptionalInt window,
    OptionalInt batches,
    OptionalInt devicesMoved,
    Counts counts,
    Optional<String> partitionBy,
    List<PartitionCount> partitions,
    List<FailedDevice> failed,
    Optional<String> rollingBackFrom,
    boolean observed,
    Optional<String> note) {

  /** A revision by hash, with its number and version when its ControllerRevision is stored. */
  public record Revision(String hash, OptionalLong number, Optional<String> version) {}

  /** Device counts; those the DPD's status does not carry are empty without the workflow. */
  public record Counts(
      int total,
      int updated,
      OptionalInt updatedAvailable,
      OptionalInt available,
      int unavailable,
      OptionalInt failed) {}

  public String id() {
    return namespace + "/" + name;
  }
}
