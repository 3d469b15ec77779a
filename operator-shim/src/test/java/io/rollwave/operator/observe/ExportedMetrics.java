package io.rollwave.operator.observe;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.deployment.RolloutStatus;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutPhaseReport;
import io.rollwave.operator.lead.Leadership;
import io.rollwave.rollout.FleetActivities;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * A registry set up as the control plane sets up its own, with each Rollwave meter driven once, so
 * that every metric the operator exports appears in its scrape; and the names in a scrape.
 */
public final class ExportedMetrics {
  private ExportedMetrics() {}

  static final RolloutInput INPUT =
      new RolloutInput(
          "infra",
          "switch-agent",
          "7c9f",
          "1",
          null,
          null,
          false,
          null,
          null,
          600,
          0,
          null,
          List.of(),
          null,
          null,
          null);

  static DeviceProcessDeployment deployment(String ns, String name, RolloutPhase phase) {
    DeviceProcessDeployment dpd = new DeviceProcessDeployment();
    dpd.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    dpd.setStatus(
        new DeviceProcessDeploymentStatus(
            1L,
            5,
            5,
            4,
            3,
            2,
            4,
            List.of(),
            "7c9f",
            "7c9f",
            new RolloutStatus(phase, null, null, null, null, null)));
    return dpd;
  }

  /** The operator's registry after each of its Rollwave meters saw one event. */
  static Observability populated() throws Exception {
    Observability observe = Observability.start(0);
    PrometheusMeterRegistry registry = observe.registry();
    BridgeMetrics bridge = new BridgeMetrics(registry);
    bridge.backlog(() -> 3);
    bridge.statusWritten().accept(Duration.ofMillis(40));
    bridge.patchHeld().accept(Duration.ofMillis(20).toNanos());
    bridge.desiredPublished().run();
    new Leadership(registry, "operator", () -> {}).lead();
    DeviceProcessDeployment dpd = deployment("infra", "switch-agent", RolloutPhase.Progressing);
    DeploymentGauges gauges =
        new DeploymentGauges(registry, () -> List.of(dpd), (ns, name) -> dpd, (ns, name) -> 1);
    gauges.onAdd(dpd);
    new TimedFleetActivities(moving(2), registry).moveNextBatch(INPUT, null);
    ReconcileMetrics reconciles = new ReconcileMetrics(registry);
    reconciles.timeControllerExecution(execution(() -> "done"));
    try {
      reconciles.timeControllerExecution(
          execution(
              () -> {
                throw new IllegalStateException("conflict");
              }));
    } catch (IllegalStateException expected) {
      // counted as an error
    }
    return observe;
  }

  /** Activities whose every batch moves {@code moved} devices. */
  static FleetActivities moving(int moved) {
    return new FleetActivities() {
      @Override
      public BatchResult moveNextBatch(RolloutInput input, String upTo) {
        return new BatchResult(moved, 1, FleetCounts.EMPTY);
      }

      @Override
      public PlanSummary previewPlan(RolloutInput input) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void recordEvent(RolloutEvent event) {}

      @Override
      public void reportPhase(RolloutPhaseReport report) {}
    };
  }

  static <T> Metrics.ControllerExecution<T> execution(Callable<T> body) {
    return new Metrics.ControllerExecution<>() {
      @Override
      public String name() {
        return "reconcile";
      }

      @Override
      public String controllerName() {
        return "deploymentreconciler";
      }

      @Override
      public String successTypeName(T result) {
        return "done";
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("switch-agent", "infra");
      }

      @Override
      public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override
      public T execute() throws Exception {
        return body.call();
      }
    };
  }

  /** The sample names in a Prometheus text scrape: {@code x_bucket}, {@code x_total}, ... */
  public static Set<String> sampleNames(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      names.add(line.split("[{ ]", 2)[0]);
    }
    return names;
  }

  /** The value of the sample {@code sample} (name with its labels, as scraped). */
  public static double value(String scrape, String sample) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    throw new AssertionError("no sample " + sample + " in the scrape");
  }
}
