package io.rollwave.rollout.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the devices to move to the target revision next, the DaemonSet way: a window, not waves.
 * Devices not at the target that are already unavailable move first (they cost the window nothing
 * more); then available ones, as many as the window has room for, spread round-robin across
 * partitions (partitions and devices in name order) and never past a partition's own limit. Every
 * device unavailable for any reason counts against the window. Pure and deterministic.
 */
public final class WindowPlanner {
  private WindowPlanner() {}

  public static List<String> next(List<DeviceState> fleet, String target, WindowLimits limits) {
    return next(fleet, target, limits, Integer.MAX_VALUE);
  }

  /**
   * As {@link #next(List, String, WindowLimits)}, and never more than {@code cap} devices set to
   * the target in all (a canary step's bound).
   */
  public static List<String> next(
      List<DeviceState> fleet, String target, WindowLimits limits, int cap) {
    int atTarget = (int) fleet.stream().filter(d -> d.revision().equals(target)).count();
    int allowed = Math.max(0, cap - atTarget);
    Map<String, Integer> unavailableByPartition = new HashMap<>();
    int unavailable = 0;
    for (DeviceState d : fleet) {
      if (!d.available()) {
        unavailable++;
        unavailableByPartition.merge(d.partition(), 1, Integer::sum);
      }
    }

    List<String> moves = new ArrayList<>();
    fleet.stream()
        .filter(d -> !d.available() && !d.revision().equals(target))
        .sorted(Comparator.comparing(DeviceState::name))
        .limit(allowed)
        .forEach(d -> moves.add(d.name()));

    int room = Math.min(limits.maxUnavailable() - unavailable, allowed - moves.size());
    if (room <= 0) {
      return List.copyOf(moves);
    }
    Map<String, Deque<DeviceState>> byPartition = new TreeMap<>();
    fleet.stream()
        .filter(d -> d.available() && !d.revision().equals(target))
        .sorted(Comparator.comparing(DeviceState::name))
        .forEach(
            d -> byPartition.computeIfAbsent(d.partition(), p -> new ArrayDeque<>()).addLast(d));

    boolean progressed = true;
    while (room > 0 && progressed) {
      progressed = false;
      for (Map.Entry<String, Deque<DeviceState>> partition : byPartition.entrySet()) {
        if (room == 0) {
          break;
        }
        Deque<DeviceState> queue = partition.getValue();
        int used = unavailableByPartition.getOrDefault(partition.getKey(), 0);
        boolean partitionFull =
            limits.maxUnavailablePerPartition().isPresent()
                && used >= limits.maxUnavailablePerPartition().getAsInt();
        if (queue.isEmpty() || partitionFull) {
          continue;
        }
        moves.add(queue.removeFirst().name());
        unavailableByPartition.merge(partition.getKey(), 1, Integer::sum);
        room--;
        progressed = true;
      }
    }
    return List.copyOf(moves);
  }
}
