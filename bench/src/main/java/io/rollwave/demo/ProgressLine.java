package io.rollwave.demo;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;

/** One line of live rollout progress: a bar, counts and the phase. Pure. */
final class ProgressLine {
  private static final int WIDTH = 30;

  private ProgressLine() {}

  static String render(
      String label, DeviceProcessDeploymentStatus s, long unavailableNow, int window) {
    int desired = s == null || s.desiredNumberScheduled() == null ? 0 : s.desiredNumberScheduled();
    int updated = s == null || s.updatedNumberScheduled() == null ? 0 : s.updatedNumberScheduled();
    int ready = s == null || s.numberReady() == null ? 0 : s.numberReady();
    String phase =
        s == null || s.rollout() == null ? "Pending" : String.valueOf(s.rollout().phase());
    int filled = desired == 0 ? 0 : (int) Math.round((double) updated * WIDTH / desired);
    return String.format(
        "%-4s [%s%s] updated %3d/%-3d ready %3d  unavailable %2d (window %d)  %s",
        label,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        updated,
        desired,
        ready,
        unavailableNow,
        window,
        phase);
  }
}
