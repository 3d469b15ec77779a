package io.rollwave.ctl;

import io.rollwave.rollout.plan.DeviceState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One partition's devices: how many, how many at the update revision, available, failed. */
public record PartitionCount(
    String partition, int devices, int updated, int available, int failed) {

  /** The counts per partition of {@code devices}, by partition name; "" reads as (none). */
  public static List<PartitionCount> of(List<DeviceState> devices, String updateRevision) {
    Map<String, int[]> counts = new TreeMap<>();
    for (DeviceState d : devices) {
      int[] c = counts.computeIfAbsent(d.partition(), p -> new int[4]);
      c[0]++;
      c[1] += d.revision().equals(updateRevision) ? 1 : 0;
      c[2] += d.available() ? 1 : 0;
      c[3] += d.failed() ? 1 : 0;
    }
    return counts.entrySet().stream()
        .map(
            e ->
                new PartitionCount(
                    e.getKey().isEmpty() ? "(none)" : e.getKey(),
                    e.getValue()[0],
                    e.getValue()[1],
                    e.getValue()[2],
                    e.getValue()[3]))
        .toList();
  }
}
