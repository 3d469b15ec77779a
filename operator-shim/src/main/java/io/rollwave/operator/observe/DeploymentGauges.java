package io.rollwave.operator.observe;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Deployments as gauges read at scrape time from the deployment cache: {@code rollwave_rollouts}
 * (deployments by rollout phase) and {@code rollwave_deployment_devices} (by namespace, deployment
 * and state: desired, current, updated, ready, available, unavailable, failed). A deployment's
 * gauges come with it into the cache and leave with it.
 */
public final class DeploymentGauges implements ResourceEventHandler<DeviceProcessDeployment> {
  static final String ROLLOUTS = "rollwave.rollouts";
  static final String DEVICES = "rollwave.deployment.devices";

  /** Each device state and how the deployment's status counts it. */
  private static final Map<String, ToIntFunction<DeviceProcessDeploymentStatus>> FROM_STATUS =
      Map.of(
          "desired", s -> orZero(s.desiredNumberScheduled()),
          "current", s -> orZero(s.currentNumberScheduled()),
          "updated", s -> orZero(s.updatedNumberScheduled()),
          "ready", s -> orZero(s.numberReady()),
          "available", s -> orZero(s.numberAvailable()),
          "unavailable", s -> orZero(s.numberUnavailable()));

  private final MeterRegistry registry;
  private final BiFunction<String, String, DeviceProcessDeployment> cached;
  private final BiFunction<String, String, Integer> failed;

  /**
   * @param all the cached deployments
   * @param cached a cached deployment by namespace and name, null when gone
   * @param failed how many of a deployment's devices the fleet model counts failed
   */
  public DeploymentGauges(
      MeterRegistry registry,
      Supplier<Collection<DeviceProcessDeployment>> all,
      BiFunction<String, String, DeviceProcessDeployment> cached,
      BiFunction<String, String, Integer> failed) {
    this.registry = registry;
    this.cached = cached;
    this.failed = failed;
    for (RolloutPhase phase : RolloutPhase.values()) {
      Gauge.builder(
              ROLLOUTS, () -> all.get().stream().filter(d -> phase.equals(phaseOf(d))).count())
          .description("Deployments whose rollout is in this phase")
          .tag("phase", phase.name())
          .register(registry);
    }
  }

  @Override
  public void onAdd(DeviceProcessDeployment dpd) {
    String ns = dpd.getMetadata().getNamespace();
    String name = dpd.getMetadata().getName();
    Tags deployment = Tags.of("namespace", ns, "deployment", name);
    FROM_STATUS.forEach(
        (state, count) -> register(deployment, state, () -> statusCount(ns, name, count)));
    register(deployment, "failed", () -> failed.apply(ns, name));
  }

  private void register(Tags deployment, String state, Supplier<Number> value) {
    Gauge.builder(DEVICES, value)
        .description("A deployment's devices in each state")
        .tags(deployment)
        .tag("state", state)
        .register(registry);
  }

  private Number statusCount(
      String ns, String name, ToIntFunction<DeviceProcessDeploymentStatus> count) {
    DeviceProcessDeployment dpd = cached.apply(ns, name);
    return dpd == null || dpd.getStatus() == null ? 0 : count.applyAsInt(dpd.getStatus());
  }

  @Override
  public void onUpdate(DeviceProcessDeployment before, DeviceProcessDeployment after) {
    // the gauges read the cache when scraped
  }

  @Override
  public void onDelete(DeviceProcessDeployment dpd, boolean finalStateUnknown) {
    registry
        .find(DEVICES)
        .tags(
            "namespace",
            dpd.getMetadata().getNamespace(),
            "deployment",
            dpd.getMetadata().getName())
        .meters()
        .forEach(registry::remove);
  }

  private static RolloutPhase phaseOf(DeviceProcessDeployment dpd) {
    return dpd.getStatus() == null || dpd.getStatus().rollout() == null
        ? null
        : dpd.getStatus().rollout().phase();
  }

  private static int orZero(Integer count) {
    return count == null ? 0 : count;
  }
}
