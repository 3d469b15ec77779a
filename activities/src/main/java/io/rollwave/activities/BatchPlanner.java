package io.rollwave.activities;

import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.fleet.ModelledDevice;
import io.rollwave.rollout.plan.CanarySteps;
import io.rollwave.rollout.plan.DeviceState;
import io.rollwave.rollout.plan.FleetCounter;
import io.rollwave.rollout.plan.IntOrPercent;
import io.rollwave.rollout.plan.WindowLimits;
import io.rollwave.rollout.plan.WindowPlanner;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans one batch, pure: from the fleet as the model decided it, the devices the window admits
 * ({@link WindowPlanner}), bounded by a canary step's batch, and what the fleet counts once they
 * are set. An invalid policy is a non-retryable failure saying what to fix.
 */
public final class BatchPlanner {
  private BatchPlanner() {}

  /**
   * @param upTo a canary step's batch (N or P% of the fleet), null for no bound
   * @param whyFailed why a failed device failed, by name
   */
  public static BatchPlan plan(
      RolloutInput input,
      String upTo,
      List<ModelledDevice> fleet,
      Function<String, String> whyFailed) {
    List<DeviceState> states = new ArrayList<>(fleet.size());
    List<FailedDevice> failed = new ArrayList<>();
    for (ModelledDevice d : fleet) {
      states.add(d.planned());
      if (d.failed() && d.updatedTo(input.revision())) {
        failed.add(new FailedDevice(d.name(), whyFailed.apply(d.name())));
      }
    }
    failed.sort(Comparator.comparing(FailedDevice::name));
    WindowLimits limits = limits(input, states);
    int cap = cap(input, upTo, states.size());
    List<String> chosen = WindowPlanner.next(states, input.revision(), limits, cap);
    return new BatchPlan(
        chosen,
        skipped(states, input.revision(), chosen.size(), cap),
        limits,
        countsAfter(states, Set.copyOf(chosen), input.revision()),
        failed.subList(0, Math.min(failed.size(), BatchResult.FAILED_DEVICES_LISTED)));
  }

  private static Map<BatchPlan.Skip, Integer> skipped(
      List<DeviceState> fleet, String revision, int chosen, int cap) {
    int atRevision = (int) fleet.stream().filter(d -> d.revision().equals(revision)).count();
    int left = fleet.size() - atRevision - chosen;
    Map<BatchPlan.Skip, Integer> skipped = new EnumMap<>(BatchPlan.Skip.class);
    if (atRevision > 0) {
      skipped.put(BatchPlan.Skip.AT_REVISION, atRevision);
    }
    if (left > 0) {
      boolean stepReached = (long) atRevision + chosen >= cap;
      skipped.put(stepReached ? BatchPlan.Skip.STEP_REACHED : BatchPlan.Skip.NO_ROOM, left);
    }
    return skipped;
  }

  private static int cap(RolloutInput input, String upTo, int fleetSize) {
    if (upTo == null) {
      return Integer.MAX_VALUE;
    }
    try {
      return CanarySteps.cap(CanaryStep.batch(upTo), fleetSize);
    } catch (IllegalArgumentException e) {
      throw invalidPolicy(input, "invalid canary step batch", e);
    }
  }

  /**
   * The window of {@code input}'s policy for this fleet (the whole fleet for Recreate), or a
   * non-retryable failure saying why not.
   */
  public static WindowLimits limits(RolloutInput input, List<DeviceState> fleet) {
    Map<String, Integer> partitionSizes = new HashMap<>();
    fleet.forEach(d -> partitionSizes.merge(d.partition(), 1, Integer::sum));
    try {
      if (input.recreate()) {
        return WindowLimits.resolve(IntOrPercent.percent(100), fleet.size(), null, 0);
      }
      IntOrPercent window =
          IntOrPercent.parse(input.maxUnavailable() == null ? "1" : input.maxUnavailable());
      IntOrPercent perPartition =
          input.maxUnavailablePerPartition() == null
              ? null
              : IntOrPercent.parse(input.maxUnavailablePerPartition());
      int largest = partitionSizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      return WindowLimits.resolve(window, fleet.size(), perPartition, largest);
    } catch (IllegalArgumentException e) {
      throw invalidPolicy(input, "invalid window", e);
    }
  }

  /** The fleet as it is once the chosen devices are set to the revision (and so unavailable). */
  private static FleetCounts countsAfter(
      List<DeviceState> fleet, Set<String> moved, String revision) {
    List<DeviceState> after =
        fleet.stream()
            .map(
                d ->
                    moved.contains(d.name())
                        ? new DeviceState(d.name(), d.partition(), revision, false)
                        : d)
            .toList();
    return FleetCounter.count(after, revision);
  }

  private static ApplicationFailure invalidPolicy(
      RolloutInput input, String what, IllegalArgumentException e) {
    return ApplicationFailure.newNonRetryableFailure(
        "dpd "
            + input.namespace()
            + "/"
            + input.deployment()
            + ": "
            + what
            + ": "
            + e.getMessage()
            + "; fix the DeviceProcessDeployment's rollout policy and signal retry",
        "InvalidPolicy");
  }
}
