package io.rollwave.ctl;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.rollout.plan.DeviceState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The rollouts the view, verdict and renderer tests share. */
final class Views {
  static final List<StoredRevision> REVISIONS =
      List.of(
          new StoredRevision(
              1,
              "aaa111",
              "v1",
              "https://a.example/sw-v1",
              Optional.of(Instant.parse("2026-12-01T10:00:00Z")),
              Optional.empty()),
          new StoredRevision(
              2,
              "bbb222",
              "v2",
              "https://a.example/sw-v2",
              Optional.of(Instant.parse("2026-12-02T11:30:00Z")),
              Optional.of("bump to v2 (alice)")));

  static final List<DeviceState> DEVICES =
      List.of(
          new DeviceState("tor-01", "rack1", "bbb222", true),
          new DeviceState("tor-02", "rack1", "bbb222", true),
          new DeviceState("tor-03", "rack1", "bbb222", false, true),
          new DeviceState("tor-04", "rack2", "bbb222", true),
          new DeviceState("tor-05", "rack2", "aaa111", true),
          new DeviceState("tor-06", "rack2", "aaa111", true));

  private Views() {}

  /** Paused by the failure gate at step 2 of 4, racks known, one failed device. */
  static RolloutView pausedByGate() {
    return RolloutViews.of(
        Deployments.dpd(
            "infra",
            "sw",
            4,
            "rack",
            Deployments.status(
                2, "aaa111", "bbb222", RolloutPhase.Paused, "FailureGate", "1 device failed")),
        Optional.of(progress("Paused", "bbb222", "failure gate (1 failed, maxFailures 0)", 1)),
        REVISIONS,
        DEVICES,
        Optional.empty());
  }

  /** Complete, seen only through the DPD's status: Temporal did not answer. */
  static RolloutView completeWithoutTemporal() {
    return RolloutViews.of(
        Deployments.dpd(
            "infra",
            "sw",
            0,
            null,
            Deployments.status(2, "aaa111", "aaa111", RolloutPhase.Complete, null, null)),
        Optional.empty(),
        REVISIONS,
        List.of(),
        Optional.of("cannot reach Temporal at t:7233"));
  }

  static RolloutProgress progress(String phase, String revision, String pausedBy, int step) {
    return new RolloutProgress(
        phase,
        revision,
        new FleetCounts(6, 4, 3, 1, 1),
        2,
        3,
        5,
        pausedBy,
        step,
        List.of(new FailedDevice("tor-03", "exit status 1")),
        null);
  }
}
