package io.rollwave.operator.bridge;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.rollwave.activities.JsonPatches;
import io.rollwave.activities.ReportBacklog;
import io.rollwave.activities.TolerantReading;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NATS KV {@code status} to {@code DeviceProcess.status}: each agent report replaces the DP's
 * status (skipped when it is what the DP already says); the rollout hears of it through {@link
 * FleetSignaller}, once the change is in the DP cache. Reports are written by a few writers at
 * once, each DP always by the same one, in order; a report overtaken by a newer one for the same DP
 * before its turn is dropped, so a burst costs one write per DP. A report counts only under the key
 * of its DP on the DP's own device (a device's credential lets it write only its own keys), and
 * never for a DP its {@link DeviceReach} refuses.
 */
public final class StatusBridge implements KeyValueWatcher, ReportBacklog, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusBridge.class);
  public static final int WRITERS = 8;

  /** A report, the status key it came under and when NATS stored it. */
  private record Keyed(String key, ReportedStatus report, Instant reported) {}

  private final Map<String, Keyed> pending = new ConcurrentHashMap<>();
  private final List<ExecutorService> writers = new ArrayList<>();

  private final JsonPatches patches;
  private final SharedIndexInformer<DeviceProcess> processes;
  private final DeviceReach reach;
  private final Consumer<Duration> written;

  public StatusBridge(
      KubernetesClient client, SharedIndexInformer<DeviceProcess> processes, DeviceReach reach) {
    this(client, processes, reach, age -> {});
  }

  /**
   * @param written told, for each status written, how long after NATS stored the agent's report
   */
  public StatusBridge(
      KubernetesClient client,
      SharedIndexInformer<DeviceProcess> processes,
      DeviceReach reach,
      Consumer<Duration> written) {
    this.written = written;
    this.patches = new JsonPatches(client);
    this.processes = processes;
    this.reach = reach;
    for (int i = 0; i < WRITERS; i++) {
      String name = "status-writer-" + i;
      writers.add(
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
              }));
    }
  }

  /** Starts watching every status entry, the current ones first. */
  public void watch(KeyValue status) {
    try {
      status.watchAll(this);
    } catch (Exception e) {
      throw new IllegalStateException("cannot watch NATS KV status: " + e.getMessage(), e);
    }
  }

  @Override
  public void watch(KeyValueEntry entry) {
    if (entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
      return;
    }
    Optional<ProcessId> named = DeviceKey.processOf(entry.getKey());
    if (named.isEmpty()) {
      LOG.debug("status {}: not <device>.<namespace>.<name>, skipped", entry.getKey());
      return;
    }
    ReportedStatus report;
    try {
      report = NatsJson.read(entry.getValue(), ReportedStatus.class);
    } catch (IOException e) {
      LOG.warn("status {}: unreadable report skipped: {}", entry.getKey(), e.getMessage());
      return;
    }
    if (!named.get().equals(new ProcessId(report.namespace(), report.deviceProcess()))) {
      LOG.warn(
          "status {}: the report names dp {}/{}, not the key's {}; skipped",
          entry.getKey(),
          report.namespace(),
          report.deviceProcess(),
          named.get());
      return;
    }
    apply(entry.getKey(), report, entry.getCreated().toInstant());
  }

  @Override
  public void endOfData() {
    LOG.info("status bridge: caught up with the agents' reports");
  }

  /** Queues {@code report} behind its DP's writer, replacing one of that DP not yet written. */
  private void apply(String statusKey, ReportedStatus report, Instant reported) {
    String key = report.namespace() + "/" + report.deviceProcess();
    if (pending.put(key, new Keyed(statusKey, report, reported)) == null) {
      writers.get(Math.floorMod(key.hashCode(), writers.size())).execute(() -> writeNewest(key));
    }
  }

  /** Reports queued and not yet being written; one at most per DP. */
  @Override
  public int waiting() {
    return pending.size();
  }

  private void writeNewest(String key) {
    Keyed keyed = pending.remove(key);
    if (keyed == null) {
      return;
    }
    ReportedStatus report = keyed.report();
    DeviceProcess cached =
        processes
            .getStore()
            .getByKey(Cache.namespaceKeyFunc(report.namespace(), report.deviceProcess()));
    if (cached != null && TolerantReading.problemOf(cached).isPresent()) {
      LOG.debug("dp {}: status of a DeviceProcess the model cannot read skipped", key);
      return;
    }
    if (cached != null && !keyed.key().equals(DesiredStatePublisher.keyOf(cached))) {
      LOG.warn(
          "dp {}: status under {}, not its device's key {}; skipped",
          key,
          keyed.key(),
          DesiredStatePublisher.keyOf(cached));
      return;
    }
    if (cached != null && reach.refusal(cached).isPresent()) {
      LOG.debug("dp {}: status of a refused DeviceProcess skipped", key);
      return;
    }
    if (write(report.namespace(), report.deviceProcess(), report.status())) {
      written.accept(Duration.between(keyed.reported(), Instant.now()));
    }
  }

  /** The status writers take reports (none was stopped). */
  public boolean writing() {
    return writers.stream().noneMatch(ExecutorService::isShutdown);
  }

  @Override
  public void close() {
    writers.forEach(ExecutorService::shutdownNow);
  }

  /** Replaces the DP's status unless it already says this; true when it wrote one. */
  boolean write(String ns, String name, DeviceProcessStatus status) {
    DeviceProcess cached = processes.getStore().getByKey(Cache.namespaceKeyFunc(ns, name));
    if (cached == null) {
      LOG.debug("dp {}/{}: status for a DeviceProcess that does not exist, skipped", ns, name);
      return false;
    }
    if (Objects.equals(cached.getStatus(), status)) {
      return false;
    }
    try {
      String patch =
          new String(
              NatsJson.write(List.of(Map.of("op", "add", "path", "/status", "value", status))),
              StandardCharsets.UTF_8);
      patches.patch(cached, "status", patch);
    } catch (KubernetesClientException e) {
      LOG.warn("dp {}/{}: cannot write status ({}): {}", ns, name, e.getCode(), e.getMessage());
      return false;
    }
    LOG.debug("dp {}/{} rev {}: status {}", ns, name, status.revision(), status.phase());
    return true;
  }
}
