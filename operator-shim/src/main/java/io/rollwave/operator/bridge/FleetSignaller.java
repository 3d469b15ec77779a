package io.rollwave.operator.bridge;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.rollwave.activities.DeploymentProcesses;
import io.rollwave.activities.DeviceAvailability;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.operator.reconcile.CountedFleet;
import io.rollwave.operator.reconcile.FleetTally;
import io.rollwave.rollout.fleet.ModelledDevice;
import io.rollwave.rollout.plan.FleetCounter;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces device status changes into at most one {@code fleetChanged} signal per deployment per
 * interval, carrying counts only: history grows with signals, never with devices. A change that
 * leaves the counts as the rollout was last told them (a device going from Pending to Running but
 * not yet healthy) is not signalled: it would wake the workflow for nothing, and each signal costs
 * its history a signal event, a workflow task and usually a batch activity (with 100 deployments,
 * 2,925 signals for 1,200 batches). Its 30 s poll still looks at the fleet whatever the counts say.
 * Signals go out from a few threads at once, never two for the same deployment, and read nothing
 * from the API server: with 100 deployments, one thread that GET each deployment before signalling
 * it took about 30 s to go round them all, so rollouts woke on their 30 s poll instead of on their
 * devices.
 */
public final class FleetSignaller implements ResourceEventHandler<DeviceProcess>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSignaller.class);
  static final int SENDERS = 8;

  private final FleetTally tally;
  private final BiFunction<String, String, RolloutTarget> targets;
  private final Clock clock;
  private final RolloutSignals signals;
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lastSignalled = new ConcurrentHashMap<>();
  private final Map<String, Sent> lastSent = new ConcurrentHashMap<>();

  /** The counts a deployment's rollout was last told, and against which revision. */
  private record Sent(String revision, FleetCounts counts) {}

  private final long intervalMillis;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemon("fleet-signaller"));
  private final ScheduledFuture<?> flushes;
  private final ExecutorService senders =
      Executors.newFixedThreadPool(SENDERS, daemon("fleet-signal"));

  /**
   * @param targets a deployment's {@code status.updateRevision} and state policy by namespace and
   *     name, from a cache; null when it has none (no rollout to tell)
   */
  public FleetSignaller(
      FleetTally tally,
      BiFunction<String, String, RolloutTarget> targets,
      RolloutSignals signals,
      long intervalMillis) {
    this(tally, targets, signals, intervalMillis, Clock.systemUTC());
  }

  FleetSignaller(
      FleetTally tally,
      BiFunction<String, String, RolloutTarget> targets,
      RolloutSignals signals,
      long intervalMillis,
      Clock clock) {
    this.tally = tally;
    this.targets = targets;
    this.clock = clock;
    this.signals = signals;
    this.intervalMillis = intervalMillis;
    this.flushes =
        timer.scheduleWithFixedDelay(
            this::flush, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** The periodic flush of signals runs: not ended by a failure or {@link #close}. */
  public boolean flushing() {
    return !flushes.isDone();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
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

  /** Hands every deployment that is dirty, due and not being signalled to a sender. */
  void flush() {
    long now = System.nanoTime();
    for (String id : Set.copyOf(dirty)) {
      String namespace = id.substring(0, id.indexOf('/'));
      String deployment = id.substring(id.indexOf('/') + 1);
      Long last = lastSignalled.get(id);
      int devices = tally.size(namespace, deployment);
      // half a tick of slack: the timer ticks every base interval, not exactly on it
      long due =
          (SignalPacing.intervalMillis(intervalMillis, devices) - intervalMillis / 2) * 1_000_000;
      if ((last != null && now - last < due) || !inFlight.add(id)) {
        continue; // stays dirty: signalled once its interval has passed and the last one is out
      }
      dirty.remove(id);
      lastSignalled.put(id, now);
      senders.execute(() -> send(id, namespace, deployment));
    }
  }

  private void send(String id, String namespace, String deployment) {
    try {
      RolloutTarget target = targets.apply(namespace, deployment);
      if (target == null) {
        // deleted, or no rollout yet: nothing to tell, and nothing to remember of it, so a
        // deployment created again under its name is told its counts even if they are the same
        lastSent.remove(id);
        lastSignalled.remove(id);
      } else {
        List<ModelledDevice> fleet = fleet(tally, namespace, deployment, target, clock.instant());
        FleetCounts counts = counts(fleet, target.revision());
        Sent sent = new Sent(target.revision(), counts);
        if (!sent.equals(lastSent.get(id))) {
          signals.fleetChanged(namespace, deployment, counts);
          lastSent.put(id, sent);
        }
        if (fleet.stream().anyMatch(ModelledDevice::baking)) {
          // a baking device turns available by time alone, with no event to say so: count again
          dirty.add(id);
        }
      }
    } catch (WorkflowNotFoundException e) {
      LOG.debug("dpd {}: no rollout running, status change not signalled", id);
    } catch (RuntimeException e) {
      LOG.warn("dpd {}: cannot signal the rollout, will retry: {}", id, e.toString());
      dirty.add(id);
    } finally {
      inFlight.remove(id);
    }
  }

  /** The devices of {@code namespace/deployment} in {@code tally}, as the model decides them. */
  public static List<ModelledDevice> fleet(
      FleetTally tally, String namespace, String deployment, RolloutTarget target, Instant now) {
    return CountedFleet.modelled(tally.of(namespace, deployment), target.policy(), now);
  }

  /** The counts a rollout to {@code revision} is told of {@code fleet}, as the model decided it. */
  public static FleetCounts counts(List<ModelledDevice> fleet, String revision) {
    return FleetCounter.count(fleet.stream().map(ModelledDevice::planned).toList(), revision);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    senders.shutdownNow();
  }
}
