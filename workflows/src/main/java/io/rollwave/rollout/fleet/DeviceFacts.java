package io.rollwave.rollout.fleet;

import io.rollwave.api.Labels;
import io.rollwave.api.process.DeviceProcess;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the fleet model needs of one DeviceProcess, read once: its name, its partition ("" when the
 * deployment has none), the revision its spec is set to ("" when none), when it was set to it, and
 * its agent's report as the API server shows it.
 */
public record DeviceFacts(
    String name, String partition, String revision, Instant setAt, AgentReport shown) {
  public DeviceFacts {
    Objects.requireNonNull(name, "name");
    partition = partition == null ? "" : partition;
    revision = revision == null ? "" : revision;
    setAt = setAt == null ? Instant.EPOCH : setAt;
    shown = shown == null ? AgentReport.NONE : shown;
  }

  /** A member known by name only (created, not yet read back): set just now, nothing reported. */
  public static DeviceFacts unseen(String name, Instant now) {
    return new DeviceFacts(name, "", "", now, AgentReport.NONE);
  }

  /**
   * {@code dp} as the API server shows it, its partition the value of label {@code partitionBy}.
   */
  public static DeviceFacts of(DeviceProcess dp, String partitionBy) {
    Map<String, String> labels = dp.getMetadata().getLabels();
    String partition =
        partitionBy == null || labels == null ? "" : labels.getOrDefault(partitionBy, "");
    return new DeviceFacts(
        dp.getMetadata().getName(),
        partition,
        revisionOf(dp),
        setAt(dp),
        AgentReport.of(dp.getStatus()));
  }

  /** The same device set to {@code revision} at {@code at}, before its agent says anything. */
  public DeviceFacts setTo(String revision, Instant at) {
    return new DeviceFacts(name, partition, revision, at, AgentReport.NONE);
  }

  public static String revisionOf(DeviceProcess dp) {
    Map<String, String> labels = dp.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(Labels.REVISION, "");
  }

  /** When the DP was set to its revision: the annotation, else its creation, else the epoch. */
  public static Instant setAt(DeviceProcess dp) {
    Map<String, String> annotations = dp.getMetadata().getAnnotations();
    String at = annotations == null ? null : annotations.get(Labels.REVISION_SET_AT);
    Instant set = AgentReport.parse(at != null ? at : dp.getMetadata().getCreationTimestamp());
    return set == null ? Instant.EPOCH : set;
  }
}
