package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.rollwave.activities.DeploymentProcesses;
import io.rollwave.activities.LeanItemStore;
import io.rollwave.activities.TolerantReading;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.rollout.fleet.DeviceFacts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each deployment's DeviceProcesses as the fleet model's {@link DeviceFacts}, kept by the DP
 * informer's own store as it stores them. The informer writes its store before it tells any event
 * handler, so a handler that counts from the tally sees the change it was told of. Counting a fleet
 * from the tally is a pass over small records; counting it from the cache copied every cached DP
 * and read each one's conditions, a fifth of the operator's CPU in a 10,000-device rollout.
 */
public final class FleetTally {
  private final Map<String, Map<String, DeviceFacts>> byDeployment = new ConcurrentHashMap<>();

  /** The store to give the DP informer ({@code itemStore}) before it starts. */
  public ItemStore<DeviceProcess> store() {
    return new TallyingStore();
  }

  /** The devices of {@code namespace/deployment}, as of the store's last write. */
  public List<DeviceFacts> of(String namespace, String deployment) {
    Map<String, DeviceFacts> devices = byDeployment.get(namespace + "/" + deployment);
    return devices == null ? List.of() : List.copyOf(devices.values());
  }

  /** The devices of {@code namespace/deployment} by DP name, as of the store's last write. */
  public Map<String, DeviceFacts> byName(String namespace, String deployment) {
    Map<String, DeviceFacts> devices = byDeployment.get(namespace + "/" + deployment);
    return devices == null ? Map.of() : Map.copyOf(devices);
  }

  /** How many DPs {@code namespace/deployment} has, as of the store's last write. */
  public int size(String namespace, String deployment) {
    Map<String, DeviceFacts> devices = byDeployment.get(namespace + "/" + deployment);
    return devices == null ? 0 : devices.size();
  }

  private void stored(DeviceProcess previous, DeviceProcess dp) {
    if (TolerantReading.problemOf(dp).isPresent()) {
      removed(previous != null ? previous : dp); // counted as no DP: the reconciler replaces it
      return;
    }
    List<String> deployments = DeploymentProcesses.deploymentOf(dp);
    if (previous != null && !deployments.equals(DeploymentProcesses.deploymentOf(previous))) {
      removed(previous); // relabelled to another deployment, or to none
    }
    for (String deployment : deployments) {
      byDeployment
          .computeIfAbsent(deployment, d -> new ConcurrentHashMap<>())
          .put(dp.getMetadata().getName(), DeviceFacts.of(dp, null));
    }
  }

  private void removed(DeviceProcess dp) {
    for (String deployment : DeploymentProcesses.deploymentOf(dp)) {
      byDeployment.computeIfPresent(
          deployment,
          (d, devices) -> {
            devices.remove(dp.getMetadata().getName());
            return devices.isEmpty() ? null : devices;
          });
    }
  }

  /** The lean store, telling the tally of every object it keeps or drops. */
  private final class TallyingStore extends LeanItemStore<DeviceProcess> {
    @Override
    public DeviceProcess put(String key, DeviceProcess dp) {
      DeviceProcess previous = super.put(key, dp);
      stored(previous, dp);
      return previous;
    }

    @Override
    public DeviceProcess remove(String key) {
      DeviceProcess previous = super.remove(key);
      if (previous != null) {
        removed(previous);
      }
      return previous;
    }
  }
}
