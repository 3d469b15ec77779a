package io.rollwave.activities;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.rollwave.api.Labels;
import io.rollwave.api.process.DeviceProcess;
import java.util.List;
import java.util.Map;

/** Where a rollout reads its deployment's DeviceProcesses from. */
public interface DeploymentProcesses {
  /** The informer index of DeviceProcesses by {@code namespace/deployment}. */
  String BY_DEPLOYMENT = "deployment";

  List<DeviceProcess> of(String namespace, String deployment);

  /** A LIST request each time: always current, and costs a full read of the deployment. */
  static DeploymentProcesses listed(KubernetesClient client) {
    return (namespace, deployment) ->
        client
            .resources(DeviceProcess.class)
            .inNamespace(namespace)
            .withLabel(Labels.DEPLOYMENT, deployment)
            .list()
            .getItems();
  }

  /**
   * An informer's cache, indexed by {@link #index}: no request at all, but it may lag the API
   * server by the watch's latency.
   */
  static DeploymentProcesses cached(SharedIndexInformer<DeviceProcess> informer) {
    return (namespace, deployment) -> {
      if (!informer.hasSynced()) {
        throw new IllegalStateException(
            "the DeviceProcess cache has not finished its first read; retrying");
      }
      return informer.getIndexer().byIndex(BY_DEPLOYMENT, namespace + "/" + deployment);
    };
  }

  /** Indexes a DeviceProcess informer by deployment; call before the informer starts. */
  static void index(SharedIndexInformer<DeviceProcess> informer) {
    informer.addIndexers(Map.of(BY_DEPLOYMENT, DeploymentProcesses::deploymentOf));
  }

  /** The {@code namespace/deployment} key {@link #BY_DEPLOYMENT} files a DeviceProcess under. */
  static List<String> deploymentOf(DeviceProcess dp) {
    Map<String, String> labels = dp.getMetadata().getLabels();
    return labels == null || !labels.containsKey(Labels.DEPLOYMENT)
        ? List.of()
        : List.of(dp.getMetadata().getNamespace() + "/" + labels.get(Labels.DEPLOYMENT));
  }
}
