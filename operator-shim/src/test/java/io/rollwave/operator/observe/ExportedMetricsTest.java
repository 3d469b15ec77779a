package io.rollwave.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.RolloutPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExportedMetricsTest {
  private static Observability observe;
  private static String scrape;

  @BeforeAll
  static void drive() throws Exception {
    observe = ExportedMetrics.populated();
    scrape = observe.registry().scrape();
  }

  @AfterAll
  static void close() {
    observe.close();
  }

  static Stream<Arguments> samples() {
    String dpd = "deployment=\"switch-agent\",namespace=\"infra\"";
    return Stream.of(
        Arguments.of("rollwave_rollouts{phase=\"Progressing\"}", 1.0),
        Arguments.of("rollwave_rollouts{phase=\"Complete\"}", 0.0),
        Arguments.of("rollwave_deployment_devices{" + dpd + ",state=\"desired\"}", 5.0),
        Arguments.of("rollwave_deployment_devices{" + dpd + ",state=\"updated\"}", 4.0),
        Arguments.of("rollwave_deployment_devices{" + dpd + ",state=\"ready\"}", 4.0),
        Arguments.of("rollwave_deployment_devices{" + dpd + ",state=\"available\"}", 3.0),
        Arguments.of("rollwave_deployment_devices{" + dpd + ",state=\"unavailable\"}", 2.0),
        Arguments.of("rollwave_deployment_devices{" + dpd + ",state=\"failed\"}", 1.0),
        Arguments.of("rollwave_devices_patched_total{" + dpd + "}", 2.0),
        Arguments.of("rollwave_batch_duration_seconds_count{" + dpd + "}", 1.0),
        Arguments.of("rollwave_status_backlog", 3.0),
        Arguments.of("rollwave_status_latency_seconds_count", 1.0),
        Arguments.of("rollwave_status_latency_seconds_bucket{le=\"0.025\"}", 0.0),
        Arguments.of("rollwave_status_latency_seconds_bucket{le=\"0.05\"}", 1.0),
        Arguments.of("rollwave_patch_admission_wait_seconds_sum", 0.02),
        Arguments.of("rollwave_desired_published_total", 1.0),
        Arguments.of("rollwave_leader", 1.0),
        Arguments.of(
            "rollwave_reconcile_duration_seconds_count{controller=\"deploymentreconciler\","
                + "operation=\"reconcile\",outcome=\"success\"}",
            1.0),
        Arguments.of(
            "rollwave_reconcile_duration_seconds_count{controller=\"deploymentreconciler\","
                + "operation=\"reconcile\",outcome=\"error\"}",
            1.0),
        Arguments.of(
            "rollwave_reconcile_errors_total{controller=\"deploymentreconciler\","
                + "operation=\"reconcile\"}",
            1.0));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("samples")
  void eachMeterReportsWhatItSaw(String sample, double value) {
    assertThat(ExportedMetrics.value(scrape, sample)).isEqualTo(value);
  }

  @Test
  void reconcileErrorsAreZeroBeforeTheFirstError() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ReconcileMetrics(registry).timeControllerExecution(ExportedMetrics.execution(() -> "ok"));

    assertThat(
            ExportedMetrics.value(
                registry.scrape(),
                "rollwave_reconcile_errors_total{controller=\"deploymentreconciler\","
                    + "operation=\"reconcile\"}"))
        .isZero();
  }

  @Test
  void aBatchThatMovedNothingIsNotABatch() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new TimedFleetActivities(ExportedMetrics.moving(0), registry)
        .moveNextBatch(ExportedMetrics.INPUT, null);

    assertThat(registry.scrape()).doesNotContain("rollwave_batch_duration_seconds");
  }

  @Test
  void aDeletedDeploymentTakesItsGaugesAlongAndLeavesTheOthers() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<DeviceProcessDeployment> cache = new ArrayList<>();
    DeploymentGauges gauges =
        new DeploymentGauges(
            registry,
            () -> cache,
            (ns, name) ->
                cache.stream()
                    .filter(d -> d.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElse(null),
            (ns, name) -> 0);
    DeviceProcessDeployment a = ExportedMetrics.deployment("infra", "a", RolloutPhase.Paused);
    DeviceProcessDeployment b = ExportedMetrics.deployment("infra", "b", RolloutPhase.Complete);
    cache.addAll(List.of(a, b));
    gauges.onAdd(a);
    gauges.onAdd(b);
    assertThat(ExportedMetrics.value(registry.scrape(), "rollwave_rollouts{phase=\"Paused\"}"))
        .isEqualTo(1.0);

    cache.remove(a);
    gauges.onDelete(a, false);

    String after = registry.scrape();
    assertThat(after).doesNotContain("deployment=\"a\"").contains("deployment=\"b\"");
    assertThat(ExportedMetrics.value(after, "rollwave_rollouts{phase=\"Paused\"}")).isZero();
    assertThat(ExportedMetrics.value(after, "rollwave_rollouts{phase=\"Complete\"}"))
        .isEqualTo(1.0);
  }
}
