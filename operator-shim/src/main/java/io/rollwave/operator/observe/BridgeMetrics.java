package io.rollwave.operator.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rollwave.activities.ReportBacklog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The status path, measured: {@code rollwave_status_latency_seconds} (an agent's report stored in
 * NATS to its DeviceProcess status written), {@code rollwave_status_backlog} (reports waiting to be
 * written) and {@code rollwave_patch_admission_wait_seconds} (spec patches held while that backlog
 * was full).
 */
public final class BridgeMetrics {
  static final String STATUS_LATENCY = "rollwave.status.latency";
  static final String STATUS_BACKLOG = "rollwave.status.backlog";
  static final String PATCH_ADMISSION_WAIT = "rollwave.patch.admission.wait";
  static final String DESIRED_PUBLISHED = "rollwave.desired.published";

  private final Timer latency;
  private final Timer held;
  private final Counter published;

  private final MeterRegistry registry;

  public BridgeMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency =
        Timer.builder(STATUS_LATENCY)
            .description(
                "From an agent's report stored in NATS to its DeviceProcess status written")
            .serviceLevelObjectives(Buckets.SECONDS)
            .register(registry);
    this.held =
        Timer.builder(PATCH_ADMISSION_WAIT)
            .description("How long rollout patches waited for the status backlog to shrink")
            .serviceLevelObjectives(Buckets.SECONDS)
            .register(registry);
    this.published =
        Counter.builder(DESIRED_PUBLISHED)
            .description("Desired states put in NATS for agents (only the leader publishes)")
            .register(registry);
  }

  /** To tell of each desired state published. */
  public Runnable desiredPublished() {
    return published::increment;
  }

  /** Reports {@code backlog}'s size as the status backlog. */
  public void backlog(ReportBacklog backlog) {
    Gauge.builder(STATUS_BACKLOG, backlog::waiting)
        .description("Agents' reports waiting to be written to DeviceProcess status")
        .register(registry);
  }

  /** To tell of each status written, with the report's age. */
  public Consumer<Duration> statusWritten() {
    return latency::record;
  }

  /** To tell of each patch held back, in nanoseconds. */
  public LongConsumer patchHeld() {
    return nanos -> {
      if (nanos > 0) {
        held.record(nanos, TimeUnit.NANOSECONDS);
      }
    };
  }
}
