package io.rollwave.rollout;

import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutPhaseReport;
import io.rollwave.rollout.plan.CanarySteps;
import io.rollwave.rollout.plan.DeviceState;
import io.rollwave.rollout.plan.FleetCounter;
import io.rollwave.rollout.plan.IntOrPercent;
import io.rollwave.rollout.plan.PlanPreview;
import io.rollwave.rollout.plan.WindowLimits;
import io.rollwave.rollout.plan.WindowPlanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An in-memory fleet behind {@link FleetActivities} for workflow tests: a moved device is
 * unavailable until {@code observationsToReady} later batch calls have seen it, then available. It
 * records the most devices ever unavailable at once and every move.
 */
final class SimulatedFleet implements FleetActivities {
  private final Map<String, DeviceState> devices = new TreeMap<>();
  private final Map<String, Integer> pendingReady = new HashMap<>();
  private final int observationsToReady;
  private final Set<String> neverReady;
  private final Set<String> failing;
  private final Set<String> badRevisions = new HashSet<>();
  private final List<String> moves = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final List<String> phases = new ArrayList<>();
  private final List<Integer> steps = new ArrayList<>();
  private RuntimeException failure;
  private Consumer<RolloutEvent> onEvent = e -> {};
  private int maxUnavailableSeen;
  private int calls;

  SimulatedFleet(int size, String revision, int observationsToReady, Set<String> neverReady) {
    this(size, revision, observationsToReady, neverReady, Set.of());
  }

  /** As above, and devices in {@code failing} report failure instead of becoming ready. */
  SimulatedFleet(
      int size,
      String revision,
      int observationsToReady,
      Set<String> neverReady,
      Set<String> failing) {
    for (int i = 0; i < size; i++) {
      String name = String.format("tor-%03d", i);
      devices.put(name, new DeviceState(name, "", revision, true));
    }
    this.observationsToReady = observationsToReady;
    this.neverReady = neverReady;
    this.failing = failing;
  }

  /** Every device moved to {@code revision} fails there (a bad build); other revisions work. */
  SimulatedFleet failsAt(String revision) {
    badRevisions.add(revision);
    return this;
  }

  @Override
  public synchronized BatchResult moveNextBatch(RolloutInput input, String upTo) {
    calls++;
    pendingReady.replaceAll((name, left) -> left - 1);
    pendingReady
        .entrySet()
        .removeIf(
            e -> {
              DeviceState d = devices.get(e.getKey());
              if (e.getValue() <= 0
                  && (failing.contains(e.getKey()) || badRevisions.contains(d.revision()))) {
                devices.put(
                    d.name(), new DeviceState(d.name(), d.partition(), d.revision(), false, true));
                return true;
              }
              if (e.getValue() <= 0 && !neverReady.contains(e.getKey())) {
                devices.put(d.name(), new DeviceState(d.name(), d.partition(), d.revision(), true));
                return true;
              }
              return false;
            });
    if (failure != null) {
      RuntimeException thrown = failure;
      failure = null;
      throw thrown;
    }
    WindowLimits limits =
        WindowLimits.resolve(
            IntOrPercent.parse(
                input.recreate()
                    ? "100%"
                    : input.maxUnavailable() == null ? "1" : input.maxUnavailable()),
            devices.size(),
            null,
            0);
    int cap =
        upTo == null ? Integer.MAX_VALUE : CanarySteps.cap(CanaryStep.batch(upTo), devices.size());
    List<String> batch =
        WindowPlanner.next(List.copyOf(devices.values()), input.revision(), limits, cap);
    for (String name : batch) {
      DeviceState d = devices.get(name);
      devices.put(name, new DeviceState(name, d.partition(), input.revision(), false));
      pendingReady.put(name, observationsToReady);
      moves.add(name + "@" + input.revision());
    }
    int unavailable = (int) devices.values().stream().filter(d -> !d.available()).count();
    maxUnavailableSeen = Math.max(maxUnavailableSeen, unavailable);
    List<FailedDevice> failed =
        devices.values().stream()
            .filter(d -> d.failed() && d.revision().equals(input.revision()))
            .map(d -> new FailedDevice(d.name(), "Health check failed"))
            .limit(BatchResult.FAILED_DEVICES_LISTED)
            .toList();
    return new BatchResult(batch.size(), limits.maxUnavailable(), counts(input.revision()), failed);
  }

  @Override
  public synchronized PlanSummary previewPlan(RolloutInput input) {
    WindowLimits limits =
        WindowLimits.resolve(IntOrPercent.parse(input.maxUnavailable()), devices.size(), null, 0);
    List<List<String>> batches =
        PlanPreview.batches(List.copyOf(devices.values()), input.revision(), limits);
    return PlanSummary.of(input.revision(), devices.size(), 0, limits.maxUnavailable(), batches);
  }

  /** The next batch call fails with {@code e} (once). */
  synchronized void failNextBatch(RuntimeException e) {
    failure = e;
  }

  /** Devices at {@code revision}, in name order. */
  synchronized List<String> at(String revision) {
    return devices.values().stream()
        .filter(d -> d.revision().equals(revision))
        .map(DeviceState::name)
        .toList();
  }

  synchronized FleetCounts counts(String revision) {
    return FleetCounter.count(devices.values(), revision);
  }

  @Override
  public void recordEvent(RolloutEvent event) {
    Consumer<RolloutEvent> hook;
    synchronized (this) {
      events.add(event.reason() + ": " + event.message());
      hook = onEvent;
    }
    hook.accept(event);
  }

  /** Runs {@code hook} in the activity of every event recorded from now on. */
  synchronized void onEvent(Consumer<RolloutEvent> hook) {
    onEvent = hook;
  }

  @Override
  public synchronized void reportPhase(RolloutPhaseReport report) {
    phases.add(report.phase() + "/" + report.reason());
    if (report.step() != null) {
      steps.add(report.step());
    }
  }

  /** The canary step of every phase report that had one. */
  synchronized List<Integer> steps() {
    return List.copyOf(steps);
  }

  synchronized List<String> phases() {
    return List.copyOf(phases);
  }

  /** The phase last written to the deployment ("" before any). */
  synchronized String phase() {
    return phases.isEmpty() ? "" : phases.get(phases.size() - 1).split("/")[0];
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized int maxUnavailableSeen() {
    return maxUnavailableSeen;
  }

  synchronized List<String> moves() {
    return List.copyOf(moves);
  }

  synchronized int calls() {
    return calls;
  }

  synchronized boolean allAt(String revision) {
    return devices.values().stream().allMatch(d -> d.revision().equals(revision) && d.available());
  }
}
