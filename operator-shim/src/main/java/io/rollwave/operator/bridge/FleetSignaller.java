package io.rollwave.operator.bridge;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.rollwave.activities.DeploymentProcesses;
import io.rollwave.activities.DeviceAvailability;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.operator.reconcile.FleetTally;
import io.rollwave.operator.reconcile.TalliedDevice;
import io.rollwave.rollout.plan.FleetCounter;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces device status changes into at most one {@code fleetChanged} signal per deployment per
 * interval, carrying counts only: history grows with signals, never with devices.
 */
public final class FleetSignaller implements ResourceEventHandler<DeviceProcess>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSignaller.class);

  private final KubernetesClient client;
  private final FleetTally tally;
  private final WorkflowClient workflows;
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lastSignalled = new ConcurrentHashMap<>();

  private final long intervalMillis;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fleet-signaller");
            t.setDaemon(true);
            return t;
          });

  public FleetSignaller(
      KubernetesClient client, FleetTally tally, WorkflowClient workflows, long intervalMillis) {
    this.client = client;
    this.tally = tally;
    this.workflows = workflows;
    this.intervalMillis = intervalMillis;
    timer.scheduleWithFixedDelay(
        this::flush, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  // Marked from the DP cache's own events, not when a status is written: the counts a signal
  // carries come from the cache's tally, and a signal sent before the tally has the change would
  // carry old counts and leave nothing dirty to correct them.

  @Override
  public void onAdd(DeviceProcess dp) {
    changed(dp);
  }

  @Override
  public void onUpdate(DeviceProcess old, DeviceProcess dp) {
    if (!Objects.equals(old.getStatus(), dp.getStatus())
        || !Objects.equals(DeviceAvailability.revisionOf(old), DeviceAvailability.revisionOf(dp))) {
      changed(dp);
    }
  }

  @Override
  public void onDelete(DeviceProcess dp, boolean deletedFinalStateUnknown) {
    changed(dp);
  }

  private void changed(DeviceProcess dp) {
    DeploymentProcesses.deploymentOf(dp).forEach(dirty::add);
  }

  /** A device of {@code namespace/deployment} changed status. */
  public void changed(String namespace, String deployment) {
    dirty.add(namespace + "/" + deployment);
  }

  private void flush() {
    long now = System.nanoTime();
    for (String id : Set.copyOf(dirty)) {
      String namespace = id.substring(0, id.indexOf('/'));
      String deployment = id.substring(id.indexOf('/') + 1);
      Long last = lastSignalled.get(id);
      int devices = tally.size(namespace, deployment);
      // half a tick of slack: the timer ticks every base interval, not exactly on it
      long due =
          (SignalPacing.intervalMillis(intervalMillis, devices) - intervalMillis / 2) * 1_000_000;
      if (last != null && now - last < due) {
        continue; // stays dirty: signalled once its interval has passed
      }
      dirty.remove(id);
      lastSignalled.put(id, now);
      try {
        signal(namespace, deployment);
      } catch (WorkflowNotFoundException e) {
        LOG.debug("dpd {}: no rollout running, status change not signalled", id);
      } catch (RuntimeException e) {
        LOG.warn("dpd {}: cannot signal the rollout, will retry: {}", id, e.toString());
        dirty.add(id);
      }
    }
  }

  private void signal(String namespace, String deployment) {
    DeviceProcessDeployment dpd =
        client
            .resources(DeviceProcessDeployment.class)
            .inNamespace(namespace)
            .withName(deployment)
            .get();
    if (dpd == null || dpd.getStatus() == null || dpd.getStatus().updateRevision() == null) {
      return;
    }
    String revision = dpd.getStatus().updateRevision();
    FleetCounts counts =
        FleetCounter.count(
            tally.of(namespace, deployment).stream().map(TalliedDevice::state).toList(), revision);
    workflows
        .newUntypedWorkflowStub(RolloutInput.workflowId(namespace, deployment))
        .signal("fleetChanged", counts);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
