package io.rollwave.operator.bridge;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.activities.DeviceAvailability;
import io.rollwave.activities.ObjectEvents;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a DeviceProcess the operator refused to publish where a user sees it: status phase Failed
 * with condition {@code DeviceReachable=False} (so it never says Running) and a Warning Event, both
 * with reason {@link DeviceReach#REFUSED} and the refusal's message.
 */
public final class RefusedProcessMarks implements DesiredStatePublisher.Refusals {
  private static final Logger LOG = LoggerFactory.getLogger(RefusedProcessMarks.class);
  static final String CONDITION = "DeviceReachable";
  static final String COMPONENT = "rollwave-operator";

  private final KubernetesClient client;
  private final StatusBridge status;

  public RefusedProcessMarks(KubernetesClient client, StatusBridge status) {
    this.client = client;
    this.status = status;
  }

  @Override
  public void refused(DeviceProcess dp, String message) {
    status.write(
        dp.getMetadata().getNamespace(),
        dp.getMetadata().getName(),
        status(dp, message, Instant.now().toString()));
    event(dp, message);
  }

  /** Failed, DeviceReachable=False: what a refused DeviceProcess's status says. */
  static DeviceProcessStatus status(DeviceProcess dp, String message, String now) {
    return new DeviceProcessStatus(
        ProcessPhase.Failed,
        List.of(
            new Condition(
                CONDITION,
                ConditionStatus.FALSE,
                DeviceReach.REFUSED,
                message,
                now,
                dp.getMetadata().getGeneration())),
        null,
        null,
        null,
        null,
        null,
        DeviceAvailability.revisionOf(dp),
        dp.getMetadata().getGeneration());
  }

  private void event(DeviceProcess dp, String message) {
    try {
      ObjectEvents.create(client, dp, COMPONENT, "Warning", DeviceReach.REFUSED, message);
    } catch (KubernetesClientException e) {
      LOG.warn(
          "dp {}/{}: event {} not recorded: {}",
          dp.getMetadata().getNamespace(),
          dp.getMetadata().getName(),
          DeviceReach.REFUSED,
          e.getMessage());
    }
  }
}
