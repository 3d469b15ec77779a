package io.rollwave.operator.bridge;

import io.rollwave.api.process.DeviceProcess;
import java.util.Optional;

/**
 * Which devices a DeviceProcess may reach: those of its own namespace, or any device when the
 * operator runs with {@code --allow-cross-namespace-devices}. The operator is the only writer of
 * desired state, so this check is what keeps one namespace's processes off another's devices. Pure.
 */
public record DeviceReach(boolean crossNamespaceAllowed) {
  /** The reason of the condition and Event that mark a refused DeviceProcess. */
  public static final String REFUSED = "CrossNamespaceDevice";

  /** Why {@code dp} may not reach its device, with what to do; empty when it may. */
  public Optional<String> refusal(DeviceProcess dp) {
    String own = dp.getMetadata().getNamespace();
    String device = dp.getSpec().deviceRef().namespace();
    if (crossNamespaceAllowed || device == null || device.equals(own)) {
      return Optional.empty();
    }
    return Optional.of(
        "deviceRef.namespace "
            + device
            + " is not the DeviceProcess's own namespace "
            + own
            + ", so nothing is sent to the device: set deviceRef.namespace to "
            + own
            + " (or leave it out), or run the operator with --allow-cross-namespace-devices");
  }
}
