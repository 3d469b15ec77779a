package io.rollwave.operator.observe;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;

/**
 * The Temporal SDK's client and worker metrics ({@code temporal_*}: polls, task latencies, slots,
 * sticky cache) into a Micrometer registry, through the SDK's tally reporter.
 */
public final class TemporalMetrics {
  private TemporalMetrics() {}

  /** A scope to give {@code WorkflowServiceStubsOptions}; close it when the stubs shut down. */
  public static Scope scope(MeterRegistry registry, Duration reportEvery) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofMillis(reportEvery.toMillis()));
  }
}
