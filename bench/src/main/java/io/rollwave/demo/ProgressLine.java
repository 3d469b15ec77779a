package io.rollwave.demo;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import java.util.Map;
import java.util.stream.Collectors;

/** One line of live rollout progress: a bar, counts, the window, the phase, DPs by phase. Pure. */
final class ProgressLine {
  private static final int WIDTH = 30;

  private ProgressLine() {}

  static String render(
      String label,
      DeviceProcessDeploymentStatus s,
      long unavailableNow,
      int window,
      Map<String, Long> phases) {
    int desired = s == null || s.desiredNumberScheduled() == null ? 0 : s.desiredNumberScheduled();
    int updated = s == null || s.updatedNumberScheduled() == null ? 0 : s.updatedNumberScheduled();
    int ready = s == null || s.numberReady() == null ? 0 : s.numberReady();
    String phase =
        s == null || s.rollout() == null ? "Pending" : String.valueOf(s.rollout().phase());
    int filled = desired == 0 ? 0 : (int) Math.round((double) updated * WIDTH / desired);
    String byPhase =
        phases.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return String.format(
        "%-6s [%s%s] updated %3d/%-3d ready %3d  unavailable %2d (window %d)  %-11s DPs: %s",
        label,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        updated,
        desired,
        ready,
        unavailableNow,
        window,
        phase,
        byPhase);
  }
}
