package io.rollwave.operator.observe;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * JOSDK's reconciles as {@code rollwave_reconcile_duration_seconds} (by controller and outcome) and
 * {@code rollwave_reconcile_errors_total} (by controller).
 */
public final class ReconcileMetrics implements Metrics {
  static final String DURATION = "rollwave.reconcile.duration";
  static final String ERRORS = "rollwave.reconcile.errors";

  private final MeterRegistry registry;

  public ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    // registered before any error, so an alert on its rate sees 0, not an absent series
    Counter errors =
        Counter.builder(ERRORS)
            .description("Reconciles that ended in an exception")
            .tag("controller", execution.controllerName())
            .tag("operation", execution.name())
            .register(registry);
    Timer.Sample sample = Timer.start(registry);
    try {
      T result = execution.execute();
      sample.stop(timer(execution, "success"));
      return result;
    } catch (Exception | Error e) {
      sample.stop(timer(execution, "error"));
      errors.increment();
      throw e;
    }
  }

  private Timer timer(ControllerExecution<?> execution, String outcome) {
    return Timer.builder(DURATION)
        .description("How long reconciles take")
        .tag("controller", execution.controllerName())
        .tag("operation", execution.name())
        .tag("outcome", outcome)
        .serviceLevelObjectives(Buckets.SECONDS)
        .register(registry);
  }
}
