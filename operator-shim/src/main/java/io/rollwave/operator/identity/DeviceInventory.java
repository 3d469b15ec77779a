package io.rollwave.operator.identity;

import io.rollwave.api.nats.DeviceKey;

/** Whether a device is in the inventory (its NetworkSwitch, DPU, ... resource exists). */
@FunctionalInterface
public interface DeviceInventory {
  boolean exists(DeviceKey device);
}
