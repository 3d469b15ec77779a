package io.rollwave.agent;

import io.rollwave.agent.json.StatusJson;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.nats.ReportedStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each process's newest status into KV {@code rollwave-status}. When NATS is unreachable the
 * newest status per process is kept and sent by {@link #flush()} once it is back; older ones are
 * not, since only the newest matters.
 */
final class StatusPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

  private final DeviceKey device;
  private final DeviceBuckets status;
  private final Map<ProcessId, ReportedStatus> unsent = new ConcurrentHashMap<>();

  StatusPublisher(DeviceKey device, DeviceBuckets status) {
    this.device = device;
    this.status = status;
  }

  void publish(ReportedStatus report) {
    unsent.put(idOf(report), report);
    send(report);
  }

  void remove(ProcessId process) {
    unsent.remove(process);
    try {
      status.deleteStatus(device.processKey(process));
    } catch (Exception e) {
      LOG.warn("device {} dp {}: cannot remove status: {}", device, process, e.toString());
    }
  }

  /** Sends whatever could not be sent before. */
  void flush() {
    unsent.values().forEach(this::send);
  }

  private void send(ReportedStatus report) {
    ProcessId process = idOf(report);
    try {
      status.putStatus(device.processKey(process), StatusJson.write(report));
      unsent.remove(process, report);
    } catch (Exception e) {
      LOG.debug(
          "device {} dp {}: status kept until NATS is back: {}", device, process, e.toString());
    }
  }

  private static ProcessId idOf(ReportedStatus report) {
    return new ProcessId(report.namespace(), report.deviceProcess());
  }
}
