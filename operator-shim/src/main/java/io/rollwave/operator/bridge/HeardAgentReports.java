package io.rollwave.operator.bridge;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.rollwave.activities.AgentReports;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import java.io.IOException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DeviceProcess's newest report from the NATS KV {@code status} bucket, where its agent writes
 * it, as long as the device is still heard: a silent device's last report may say it is ready, and
 * it is not.
 */
public final class HeardAgentReports implements AgentReports {
  private static final Logger LOG = LoggerFactory.getLogger(HeardAgentReports.class);

  private final KeyValue status;
  private final Predicate<String> heard;

  /**
   * @param heard whether the device with this NATS key was heard within the heartbeat timeout
   */
  public HeardAgentReports(KeyValue status, Predicate<String> heard) {
    this.status = status;
    this.heard = heard;
  }

  @Override
  public DeviceProcessStatus newest(DeviceProcess dp) {
    if (!heard.test(DesiredStatePublisher.deviceOf(dp).key())) {
      return null;
    }
    try {
      return newestIn(status, dp);
    } catch (Exception e) {
      LOG.debug(
          "dp {}/{}: cannot read its agent's newest report: {}",
          dp.getMetadata().getNamespace(),
          dp.getMetadata().getName(),
          e.toString());
      return null;
    }
  }

  /**
   * The status {@code dp}'s agent last wrote to the {@code status} bucket, heard or not; null when
   * there is none.
   */
  static DeviceProcessStatus newestIn(KeyValue status, DeviceProcess dp)
      throws IOException, JetStreamApiException {
    KeyValueEntry entry = status.get(DesiredStatePublisher.keyOf(dp));
    if (entry == null || entry.getValue() == null) {
      return null;
    }
    return NatsJson.read(entry.getValue(), ReportedStatus.class).status();
  }
}
