package io.rollwave.operator.reconcile;

import io.rollwave.rollout.fleet.DeviceFacts;
import io.rollwave.rollout.fleet.DevicePolicy;
import io.rollwave.rollout.fleet.FleetModel;
import io.rollwave.rollout.fleet.ModelledDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The DeviceProcesses a deployment's status counts, pure: one per member (a matching device's DP),
 * as a DaemonSet counts one pod per node that should run it, each as the {@link FleetModel} decides
 * it. A member the cache already shows is counted as the cache has it; one created but not yet in
 * the cache counts as current but neither updated nor ready; a DP of a device that no longer
 * matches, still in the cache while its deletion travels, is not counted. So {@code updated <=
 * current <= desired} whatever the cache lags.
 */
public final class CountedFleet {
  private CountedFleet() {}

  /**
   * @param members the names of the existing DPs of the matching devices (at most one each)
   * @param cached this deployment's DPs as the cache shows them, by name
   */
  public static List<ProcessView> views(
      Collection<String> members,
      Map<String, DeviceFacts> cached,
      DevicePolicy policy,
      Instant now) {
    List<ProcessView> views = new ArrayList<>(members.size());
    for (String name : members) {
      DeviceFacts device = cached.get(name);
      device = device != null ? device : DeviceFacts.unseen(name, now);
      views.add(ProcessView.of(FleetModel.of(device, policy, now)));
    }
    return views;
  }

  /** {@code devices} as the model decides them at {@code now}, asking nobody else. */
  public static List<ModelledDevice> modelled(
      Collection<DeviceFacts> devices, DevicePolicy policy, Instant now) {
    List<ModelledDevice> modelled = new ArrayList<>(devices.size());
    devices.forEach(d -> modelled.add(FleetModel.of(d, policy, now)));
    return modelled;
  }
}
