package io.rollwave.demo;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One line of live rollout progress: a bar, counts, the window, the phase, DPs by phase. Pure. It
 * renders whatever counts a status holds: a count no fleet can have (more updated or current than
 * desired, or below zero) is shown as the status says it and named plainly, never a crash.
 */
final class ProgressLine {
  static final int WIDTH = 30;

  private ProgressLine() {}

  static String render(
      String label,
      DeviceProcessDeploymentStatus s,
      long unavailableNow,
      int window,
      Map<String, Long> phases) {
    int desired = count(s, DeviceProcessDeploymentStatus::desiredNumberScheduled);
    int current = count(s, DeviceProcessDeploymentStatus::currentNumberScheduled);
    int updated = count(s, DeviceProcessDeploymentStatus::updatedNumberScheduled);
    int ready = count(s, DeviceProcessDeploymentStatus::numberReady);
    String phase =
        s == null || s.rollout() == null || s.rollout().phase() == null
            ? "Pending"
            : s.rollout().phase().name();
    int filled = filledCells(updated, desired);
    String byPhase =
        phases.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return String.format(
        "%-6s [%s%s] updated %3d/%-3d ready %3d  unavailable %2d (window %d)  %-11s DPs: %s%s",
        label,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        updated,
        desired,
        ready,
        unavailableNow,
        window,
        phase,
        byPhase,
        oddities(desired, current, updated, ready));
  }

  /** Cells of the bar for {@code updated} of {@code desired}: always within 0..WIDTH. */
  static int filledCells(long updated, long desired) {
    if (desired <= 0 || updated <= 0) {
      return 0;
    }
    return (int) Math.min(WIDTH, Math.round((double) updated * WIDTH / desired));
  }

  /**
   * The counts no fleet can have, as the status says them (" (status: current 40 > desired 20)"),
   * or nothing when the counts are consistent.
   */
  static String oddities(int desired, int current, int updated, int ready) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("current", current);
    counts.put("updated", updated);
    counts.put("ready", ready);
    List<String> odd = new ArrayList<>();
    counts.forEach(
        (name, n) -> {
          if (n > desired) {
            odd.add(name + " " + n + " > desired " + desired);
          }
        });
    counts.put("desired", desired);
    counts.forEach(
        (name, n) -> {
          if (n < 0) {
            odd.add(name + " " + n + " < 0");
          }
        });
    return odd.isEmpty() ? "" : "  (status: " + String.join(", ", odd) + ")";
  }

  private static int count(
      DeviceProcessDeploymentStatus s, Function<DeviceProcessDeploymentStatus, Integer> field) {
    Integer n = s == null ? null : field.apply(s);
    return n == null ? 0 : n;
  }
}
