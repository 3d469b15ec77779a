package io.rollwave.operator.bridge;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.rollwave.activities.TolerantReading;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks the DeviceProcesses of a device whose agent stopped heartbeating as phase Unknown
 * (condition Healthy=Unknown, reason AgentSilent), so they count as unavailable; when heartbeats
 * return, puts back the newest status the agent reported. Heartbeats are timed by the NATS server's
 * clock, so a device's own clock does not matter.
 */
public final class HeartbeatMonitor implements KeyValueWatcher, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatMonitor.class);
  static final String AGENT_SILENT = "AgentSilent";

  private final SharedIndexInformer<DeviceProcess> processes;
  private final KeyValue status;
  private final StatusBridge bridge;
  private final Duration timeout;
  private final Clock clock;
  private final Instant started;
  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
  private final Set<String> silent = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "heartbeat-monitor");
            t.setDaemon(true);
            return t;
          });

  private volatile ScheduledFuture<?> sweeps;

  /** The informer index of DeviceProcesses by their device's NATS key. */
  static final String BY_DEVICE = "device";

  /**
   * Indexes a DeviceProcess informer by device, so a device heard again finds its DPs without a
   * walk over the whole fleet; call before the informer starts.
   */
  public static void index(SharedIndexInformer<DeviceProcess> informer) {
    informer.addIndexers(
        Map.of(
            BY_DEVICE,
            dp ->
                TolerantReading.problemOf(dp).isPresent()
                    ? List.of() // no device to file it under: its deployment replaces it
                    : List.of(DesiredStatePublisher.deviceOf(dp).key())));
  }

  public HeartbeatMonitor(
      SharedIndexInformer<DeviceProcess> processes,
      KeyValue status,
      StatusBridge bridge,
      Duration timeout,
      Clock clock) {
    this.processes = processes;
    this.status = status;
    this.bridge = bridge;
    this.timeout = timeout;
    this.clock = clock;
    this.started = clock.instant();
  }

  /**
   * Watches the heartbeat bucket, so {@link #heard} answers: every replica does, as its rollout
   * activities ask. Writes nothing until {@link #startSweeps}.
   */
  public void listen(KeyValue heartbeats) {
    try {
      heartbeats.watchAll(this);
    } catch (Exception e) {
      throw new IllegalStateException("cannot watch NATS KV heartbeats: " + e.getMessage(), e);
    }
  }

  /**
   * Sweeps for silent devices every third of the timeout, marking their DeviceProcesses Unknown:
   * the leader's duty.
   */
  public void startSweeps() {
    long period = Math.max(200, timeout.toMillis() / 3);
    sweeps = timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  /** The sweep for silent devices runs: started, and not ended by a failure or {@link #close}. */
  public boolean sweeping() {
    return sweeps != null && !sweeps.isDone();
  }

  @Override
  public void watch(KeyValueEntry entry) {
    if (entry.getOperation() != KeyValueOperation.PUT) {
      return;
    }
    String device = entry.getKey();
    Instant at = entry.getCreated() == null ? clock.instant() : entry.getCreated().toInstant();
    lastSeen.merge(device, at, (a, b) -> a.isAfter(b) ? a : b);
    if (silent.remove(device)) {
      timer.execute(() -> restore(device));
    }
  }

  @Override
  public void endOfData() {}

  void sweep() {
    Instant now = clock.instant();
    if (now.isBefore(started.plus(timeout))) {
      return; // give every agent one timeout to be heard after the operator starts
    }
    for (DeviceProcess dp : processes.getStore().list()) {
      DeviceProcessStatus s = dp.getStatus();
      if (s == null || s.phase() == ProcessPhase.Unknown) {
        continue;
      }
      String device = DesiredStatePublisher.deviceOf(dp).key();
      if (!heard(device, now)) {
        Instant last = lastSeen.get(device);
        silent.add(device);
        String since = last == null ? "ever" : Duration.between(last, now).toSeconds() + " s";
        bridge.write(
            dp.getMetadata().getNamespace(), dp.getMetadata().getName(), silenced(s, since, now));
        LOG.warn(
            "dp {}/{}: no heartbeat from device {} for {}, phase Unknown",
            dp.getMetadata().getNamespace(),
            dp.getMetadata().getName(),
            device,
            since);
      }
    }
  }

  /** Whether the device with this NATS key heartbeated within the timeout. */
  public boolean heard(String device) {
    return heard(device, clock.instant());
  }

  private boolean heard(String device, Instant now) {
    Instant last = lastSeen.get(device);
    return last != null && !last.plus(timeout).isBefore(now);
  }

  /** The DP's status with phase Unknown and Healthy=Unknown, everything else as last reported. */
  static DeviceProcessStatus silenced(DeviceProcessStatus s, String since, Instant now) {
    List<Condition> conditions = new ArrayList<>();
    if (s.conditions() != null) {
      s.conditions().stream().filter(c -> !"Healthy".equals(c.type())).forEach(conditions::add);
    }
    conditions.add(
        new Condition(
            "Healthy",
            ConditionStatus.UNKNOWN,
            AGENT_SILENT,
            "no heartbeat from the device's agent for " + since,
            now.toString(),
            null));
    return new DeviceProcessStatus(
        ProcessPhase.Unknown,
        List.copyOf(conditions),
        s.artifactVersion(),
        s.pid(),
        s.startTime(),
        s.restartCount(),
        s.lastTerminationReason(),
        s.revision(),
        s.observedGeneration());
  }

  /** Heartbeats are back: the newest status the agent reported replaces Unknown. */
  private void restore(String device) {
    for (DeviceProcess dp : processes.getIndexer().byIndex(BY_DEVICE, device)) {
      try {
        DeviceProcessStatus reported = HeardAgentReports.newestIn(status, dp);
        if (reported != null) {
          bridge.write(dp.getMetadata().getNamespace(), dp.getMetadata().getName(), reported);
          LOG.info(
              "dp {}/{}: device {} is heard again, status restored",
              dp.getMetadata().getNamespace(),
              dp.getMetadata().getName(),
              device);
        }
      } catch (Exception e) {
        LOG.warn(
            "dp {}/{}: cannot restore status: {}",
            dp.getMetadata().getNamespace(),
            dp.getMetadata().getName(),
            e.toString());
        silent.add(device);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
