package io.rollwave.operator.bridge;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.rollwave.api.Labels;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NATS KV {@code status} to {@code DeviceProcess.status}: each agent report replaces the DP's
 * status (skipped when it is what the DP already says), and marks the DP's deployment for a
 * coalesced signal to its rollout.
 */
public final class StatusBridge implements KeyValueWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(StatusBridge.class);

  private final KubernetesClient client;
  private final SharedIndexInformer<DeviceProcess> processes;
  private final FleetSignaller signaller;

  public StatusBridge(
      KubernetesClient client,
      SharedIndexInformer<DeviceProcess> processes,
      FleetSignaller signaller) {
    this.client = client;
    this.processes = processes;
    this.signaller = signaller;
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
    ReportedStatus report;
    try {
      report = NatsJson.read(entry.getValue(), ReportedStatus.class);
    } catch (IOException e) {
      LOG.warn("status {}: unreadable report skipped: {}", entry.getKey(), e.getMessage());
      return;
    }
    apply(report);
  }

  @Override
  public void endOfData() {
    LOG.info("status bridge: caught up with the agents' reports");
  }

  void apply(ReportedStatus report) {
    write(report.namespace(), report.deviceProcess(), report.status());
  }

  /** Replaces the DP's status unless it already says this; then marks its deployment changed. */
  void write(String ns, String name, DeviceProcessStatus status) {
    DeviceProcess cached = processes.getStore().getByKey(Cache.namespaceKeyFunc(ns, name));
    if (cached == null) {
      LOG.debug("dp {}/{}: status for a DeviceProcess that does not exist, skipped", ns, name);
      return;
    }
    if (Objects.equals(cached.getStatus(), status)) {
      return;
    }
    try {
      String patch =
          new String(
              NatsJson.write(List.of(Map.of("op", "add", "path", "/status", "value", status))),
              StandardCharsets.UTF_8);
      client
          .resources(DeviceProcess.class)
          .inNamespace(ns)
          .withName(name)
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), patch);
    } catch (KubernetesClientException e) {
      LOG.warn("dp {}/{}: cannot write status ({}): {}", ns, name, e.getCode(), e.getMessage());
      return;
    }
    LOG.debug("dp {}/{} rev {}: status {}", ns, name, status.revision(), status.phase());
    String deployment =
        cached.getMetadata().getLabels() == null
            ? null
            : cached.getMetadata().getLabels().get(Labels.DEPLOYMENT);
    if (deployment != null) {
      signaller.changed(ns, deployment);
    }
  }
}
