package io.rollwave.rollout.fleet;

import io.rollwave.rollout.plan.DeviceState;

/** One device as the fleet model decided it: the revision its DP is set to and its health there. */
public record ModelledDevice(String name, String partition, String revision, DeviceHealth health) {

  public boolean updatedTo(String target) {
    return revision.equals(target);
  }

  public boolean ready() {
    return health == DeviceHealth.READY || health == DeviceHealth.AVAILABLE;
  }

  public boolean available() {
    return health == DeviceHealth.AVAILABLE;
  }

  public boolean failed() {
    return health == DeviceHealth.FAILED;
  }

  /** Ready, and available only by time: nothing will be reported when it turns available. */
  public boolean baking() {
    return health == DeviceHealth.READY;
  }

  /** As the window planner reads it. */
  public DeviceState planned() {
    return new DeviceState(name, partition, revision, available(), failed());
  }
}
