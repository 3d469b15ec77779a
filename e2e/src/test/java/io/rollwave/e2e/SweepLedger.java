package io.rollwave.e2e;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a kill sweep's watches saw, judged as it arrives. Pure: fed every DeviceProcess and
 * deployment status the API server sends, it counts progress (milestones: a DP set to a revision, a
 * new rollout phase), double patches (a DP patched again to the revision it has, or set to a
 * revision it already entered in the same stage) and statuses whose counts no fleet can have
 * (anything but {@code 0 <= updated <= current <= desired <= fleet}). Thread-safe.
 */
final class SweepLedger {
  /** One DeviceProcess as a watch event shows it: generation, revision label, set-at annotation. */
  record DpEvent(String name, long generation, String revision, String revisionSetAt) {}

  private record Seen(long generation, String revision, String revisionSetAt) {}

  private final int fleet;
  private final Map<String, Seen> dps = new HashMap<>();
  private final Map<String, Set<String>> enteredThisStage = new HashMap<>();
  private final List<String> doublePatches = new ArrayList<>();
  private final List<String> countViolations = new ArrayList<>();
  private final List<String> watchFailures = new ArrayList<>();
  private String stage = "";
  private String phase = "";
  private long milestones;
  private String lastMilestone = "none yet";
  private long statuses;

  SweepLedger(int fleet) {
    this.fleet = fleet;
  }

  /** A new stage begins (a new template applied): revisions entered are counted afresh. */
  synchronized void stage(String name) {
    stage = name;
    enteredThisStage.clear();
  }

  synchronized void dp(DpEvent e) {
    Seen before = dps.get(e.name());
    dps.put(e.name(), new Seen(e.generation(), e.revision(), e.revisionSetAt()));
    if (before != null && Objects.equals(before.revision(), e.revision())) {
      boolean specPatched = e.generation() > before.generation();
      boolean setAgain =
          e.revisionSetAt() != null && !e.revisionSetAt().equals(before.revisionSetAt());
      if (specPatched || setAgain) {
        doublePatches.add(
            "%s: %s patched again to revision %s it already had (generation %d -> %d, set at %s -> %s)"
                .formatted(
                    stage,
                    e.name(),
                    e.revision(),
                    before.generation(),
                    e.generation(),
                    before.revisionSetAt(),
                    e.revisionSetAt()));
      }
      return;
    }
    if (!enteredThisStage.computeIfAbsent(e.name(), k -> new HashSet<>()).add(e.revision())) {
      doublePatches.add(
          "%s: %s set to revision %s a second time in one rollout"
              .formatted(stage, e.name(), e.revision()));
    }
    milestone((before == null ? "created " : "patched ") + e.name() + " -> " + e.revision());
  }

  synchronized void deployment(DeviceProcessDeploymentStatus s) {
    if (s == null) {
      return;
    }
    statuses++;
    int desired = orZero(s.desiredNumberScheduled());
    int current = orZero(s.currentNumberScheduled());
    int updated = orZero(s.updatedNumberScheduled());
    if (!(0 <= updated && updated <= current && current <= desired && desired <= fleet)) {
      countViolations.add(
          "%s: status desired %d, current %d, updated %d with a fleet of %d (rollout %s)"
              .formatted(stage, desired, current, updated, fleet, describe(s.rollout())));
    }
    String now = describe(s.rollout());
    if (s.rollout() != null && !now.equals(phase)) {
      phase = now;
      milestone("phase " + now);
    }
  }

  /** A watch ended early: what the ledger holds from then on is incomplete. */
  synchronized void watchFailed(String why) {
    watchFailures.add(stage + ": " + why);
  }

  synchronized List<String> watchFailures() {
    return List.copyOf(watchFailures);
  }

  synchronized long milestones() {
    return milestones;
  }

  synchronized String lastMilestone() {
    return lastMilestone;
  }

  synchronized long statusesSeen() {
    return statuses;
  }

  synchronized List<String> doublePatches() {
    return List.copyOf(doublePatches);
  }

  synchronized List<String> countViolations() {
    return List.copyOf(countViolations);
  }

  private void milestone(String what) {
    milestones++;
    lastMilestone = stage + ": " + what;
  }

  private static String describe(RolloutStatus r) {
    return r == null ? "none" : r.phase() + "/" + r.reason();
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
