package io.rollwave.activities;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.fleet.AgentReport;
import io.rollwave.rollout.fleet.DeviceFacts;
import io.rollwave.rollout.fleet.DevicePolicy;
import io.rollwave.rollout.fleet.FleetModel;
import io.rollwave.rollout.fleet.ModelledDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * Reads a deployment's fleet for a batch, and only reads: its DeviceProcesses from the source (read
 * again from the API server when a cache that looks complete may lag), each as the {@link
 * FleetModel} decides it, corrected by the patches this mover sent that the read does not show yet.
 */
final class FleetObserver {
  private final KubernetesClient client;
  private final DeploymentProcesses source;
  private final AgentReports reports;

  /**
   * Per {@code namespace/deployment}, the DeviceProcesses set to a revision that reads have not
   * shown yet: a cached read that still shows the object as it was before the patch (same
   * resourceVersion) is corrected with them, so the window never counts a device just patched as
   * still available at its old revision.
   */
  private final Map<String, Map<String, UnseenPatch>> unseenPatches = new ConcurrentHashMap<>();

  /** A patch to {@code revision} of the object read at {@code readVersion}. */
  record UnseenPatch(String revision, String readVersion) {}

  /**
   * The fleet as read: the DPs by name, each device as modelled, and how many devices that looked
   * past their deadline ({@code asked}) their agents' newest reports showed ready ({@code spared}).
   */
  record ObservedFleet(
      Map<String, DeviceProcess> byName, List<ModelledDevice> devices, int asked, int spared) {}

  FleetObserver(KubernetesClient client, DeploymentProcesses source, AgentReports reports) {
    this.client = client;
    this.source = source;
    this.reports = reports;
  }

  ObservedFleet observe(RolloutInput input, Instant now, IntConsumer heartbeat) {
    List<DeviceProcess> processes = source.of(input.namespace(), input.deployment());
    if (looksComplete(processes, input.revision())
        && !confirmedComplete(input, processes.size(), heartbeat)) {
      // a cache that lags (say, has not yet seen a new deployment's DPs) must not end a rollout
      processes =
          DeploymentProcesses.listed(client, heartbeat).of(input.namespace(), input.deployment());
    }
    Map<String, UnseenPatch> unseen = unseen(input);
    forgetVanished(unseen, processes);
    DevicePolicy policy = DevicePolicy.of(input);
    Map<String, DeviceProcess> byName = new HashMap<>();
    List<ModelledDevice> devices = new ArrayList<>(processes.size());
    Set<String> asked = new HashSet<>();
    int spared = 0;
    for (DeviceProcess dp : processes) {
      String name = dp.getMetadata().getName();
      byName.put(name, dp);
      ModelledDevice device =
          FleetModel.of(
              withUnseenPatch(unseen, dp, DeviceFacts.of(dp, input.partitionBy()), now),
              policy,
              now,
              () -> {
                asked.add(name);
                return AgentReport.of(reports.newest(dp));
              });
      spared += !device.failed() && asked.contains(name) ? 1 : 0;
      devices.add(device);
    }
    return new ObservedFleet(byName, devices, asked.size(), spared);
  }

  /** {@code name} of the deployment was set to {@code revision}; its read was at {@code read}. */
  void patched(RolloutInput input, String name, String readVersion) {
    unseen(input).put(name, new UnseenPatch(input.revision(), readVersion));
  }

  private Map<String, UnseenPatch> unseen(RolloutInput input) {
    return unseenPatches.computeIfAbsent(
        input.namespace() + "/" + input.deployment(), k -> new ConcurrentHashMap<>());
  }

  /** {@code facts}, or the device as just set to a revision its read does not show yet. */
  private static DeviceFacts withUnseenPatch(
      Map<String, UnseenPatch> unseen, DeviceProcess dp, DeviceFacts facts, Instant now) {
    UnseenPatch patch = unseen.get(dp.getMetadata().getName());
    if (patch == null) {
      return facts;
    }
    if (!patch.readVersion().equals(dp.getMetadata().getResourceVersion())) {
      unseen.remove(dp.getMetadata().getName(), patch); // the read has moved past the patch
      return facts;
    }
    return facts.setTo(patch.revision(), now);
  }

  /**
   * Whether the API server, read a page at a time, agrees with a cache that looks complete: exactly
   * {@code devices} DPs, each set to the revision and available. Only a count is kept: a second
   * copy of a 100,000-device fleet beside the cache filled a 1.2 GB heap and the operator spent its
   * time in full GCs until the activity's heartbeat timed out.
   */
  private boolean confirmedComplete(RolloutInput input, int devices, IntConsumer heartbeat) {
    int[] read = {0};
    boolean[] complete = {true};
    DeploymentProcesses.forEachPage(
        client,
        input.namespace(),
        input.deployment(),
        page -> {
          read[0] += page.size();
          complete[0] = complete[0] && looksComplete(page, input.revision());
        },
        heartbeat);
    return complete[0] && read[0] == devices;
  }

  /** No devices, or every one at {@code revision} and ready: what ends a rollout. */
  private static boolean looksComplete(List<DeviceProcess> processes, String revision) {
    return processes.stream()
        .allMatch(
            dp ->
                revision.equals(DeviceAvailability.revisionOf(dp))
                    && DeviceAvailability.available(dp));
  }

  private static void forgetVanished(Map<String, UnseenPatch> unseen, List<DeviceProcess> read) {
    if (!unseen.isEmpty()) {
      Set<String> names = new HashSet<>();
      read.forEach(dp -> names.add(dp.getMetadata().getName()));
      unseen.keySet().retainAll(names);
    }
  }
}
