package io.rollwave.rollout.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batches a rollout would take for the fleet as it is now, if every device moved became
 * available before the next batch: the window planner run forward to the end. Devices unavailable
 * now stay so (they hold the window until they recover); devices already at the target are skipped.
 * Pure.
 */
public final class PlanPreview {
  private PlanPreview() {}

  public static List<List<String>> batches(
      List<DeviceState> fleet, String target, WindowLimits limits) {
    Map<String, DeviceState> state = new LinkedHashMap<>();
    fleet.forEach(d -> state.put(d.name(), d));
    List<List<String>> batches = new ArrayList<>();
    for (int round = 0; round <= fleet.size(); round++) {
      List<String> batch = WindowPlanner.next(List.copyOf(state.values()), target, limits);
      if (batch.isEmpty()) {
        break;
      }
      batches.add(batch);
      for (String name : batch) {
        DeviceState d = state.get(name);
        boolean wasUnavailable = !d.available();
        // a device that was down stays down after its move; the others come up healthy
        state.put(name, new DeviceState(name, d.partition(), target, !wasUnavailable));
      }
    }
    return List.copyOf(batches);
  }
}
