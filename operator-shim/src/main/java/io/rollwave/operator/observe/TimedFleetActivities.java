package io.rollwave.operator.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutPhaseReport;
import io.rollwave.rollout.FleetActivities;
import java.time.Duration;

/**
 * The rollout's activities, measured: each batch that set devices to a revision as {@code
 * rollwave_batch_duration_seconds} and its devices as {@code rollwave_devices_patched_total}, both
 * by namespace and deployment.
 */
public final class TimedFleetActivities implements FleetActivities {
  static final String BATCH_DURATION = "rollwave.batch.duration";
  static final String DEVICES_PATCHED = "rollwave.devices.patched";

  private final FleetActivities activities;
  private final MeterRegistry registry;

  public TimedFleetActivities(FleetActivities activities, MeterRegistry registry) {
    this.activities = activities;
    this.registry = registry;
  }

  @Override
  public BatchResult moveNextBatch(RolloutInput input, String upTo) {
    long started = System.nanoTime();
    BatchResult result = activities.moveNextBatch(input, upTo);
    if (result.moved() > 0) {
      Timer.builder(BATCH_DURATION)
          .description("How long a batch took to read the fleet and set its devices' revision")
          .tag("namespace", input.namespace())
          .tag("deployment", input.deployment())
          .serviceLevelObjectives(Buckets.SECONDS)
          .register(registry)
          .record(Duration.ofNanos(System.nanoTime() - started));
      Counter.builder(DEVICES_PATCHED)
          .description("Devices set to a new revision by a rollout")
          .tag("namespace", input.namespace())
          .tag("deployment", input.deployment())
          .register(registry)
          .increment(result.moved());
    }
    return result;
  }

  @Override
  public PlanSummary previewPlan(RolloutInput input) {
    return activities.previewPlan(input);
  }

  @Override
  public void recordEvent(RolloutEvent event) {
    activities.recordEvent(event);
  }

  @Override
  public void reportPhase(RolloutPhaseReport report) {
    activities.reportPhase(report);
  }
}
