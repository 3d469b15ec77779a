package io.rollwave.operator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-in agents for control-plane tests, speaking the real NATS layout: every desired entry is
 * answered with a Running, healthy status for its revision, except for devices held back.
 */
final class InstantAgents implements KeyValueWatcher, AutoCloseable {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final KeyValue status;
  private final Set<String> heldBack = ConcurrentHashMap.newKeySet();
  private final java.util.Map<String, DesiredProcess> pending = new ConcurrentHashMap<>();
  private io.nats.client.impl.NatsKeyValueWatchSubscription subscription;

  InstantAgents(Connection nats) throws Exception {
    this.status = nats.keyValue(Buckets.STATUS);
    this.subscription = nats.keyValue(Buckets.DESIRED).watchAll(this);
  }

  /** Devices whose DeviceProcess name is held back report nothing until released. */
  void holdBack(String deviceProcess) {
    heldBack.add(deviceProcess);
  }

  void release(String deviceProcess) throws Exception {
    heldBack.remove(deviceProcess);
    DesiredProcess desired = pending.remove(deviceProcess);
    if (desired != null) {
      report(desired);
    }
  }

  @Override
  public void watch(KeyValueEntry entry) {
    if (entry.getOperation() != KeyValueOperation.PUT) {
      return;
    }
    try {
      DesiredProcess desired = JSON.readValue(entry.getValue(), DesiredProcess.class);
      if (heldBack.contains(desired.deviceProcess())) {
        pending.put(desired.deviceProcess(), desired);
        return;
      }
      report(desired);
    } catch (Exception e) {
      throw new IllegalStateException("instant agent cannot answer " + entry.getKey(), e);
    }
  }

  private void report(DesiredProcess desired) throws Exception {
    String now = Instant.now().toString();
    DeviceProcessStatus s =
        new DeviceProcessStatus(
            ProcessPhase.Running,
            List.of(
                new Condition("ArtifactDownloaded", ConditionStatus.TRUE, null, null, now, null),
                new Condition("ProcessStarted", ConditionStatus.TRUE, null, null, now, null),
                new Condition("Healthy", ConditionStatus.TRUE, null, null, now, null)),
            desired.spec().artifact().version(),
            4242L,
            now,
            0,
            null,
            desired.revision(),
            desired.generation());
    String key =
        new io.rollwave.api.nats.DeviceKey(
                desired.namespace(),
                desired.spec().deviceRef().kind(),
                desired.spec().deviceRef().name())
            .processKey(desired.deviceProcess());
    status.put(
        key,
        JSON.writeValueAsBytes(
            new ReportedStatus(
                desired.namespace(), desired.deviceProcess(), desired.generation(), s)));
  }

  @Override
  public void endOfData() {}

  @Override
  public void close() {
    subscription.unsubscribe();
  }
}
