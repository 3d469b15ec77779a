package io.rollwave.activities;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.rollwave.api.Labels;
import io.rollwave.api.process.DeviceProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** Where a rollout reads its deployment's DeviceProcesses from. */
public interface DeploymentProcesses {
  /** The informer index of DeviceProcesses by {@code namespace/deployment}. */
  String BY_DEPLOYMENT = "deployment";

  List<DeviceProcess> of(String namespace, String deployment);

  /**
   * Objects per LIST request, for these reads and for every informer of fleet-sized kinds. One LIST
   * of 100,000 DeviceProcesses outran the API server's 60 s request timeout (the informer's relist
   * then failed with RST_STREAM every minute and its cache stopped following); pages of this size
   * take well under a second each.
   */
  long LIST_CHUNK = 500L;

  /** LIST requests each time, a page at a time: always current, a full read of the deployment. */
  static DeploymentProcesses listed(KubernetesClient client) {
    return listed(client, read -> {});
  }

  /**
   * As {@link #listed(KubernetesClient)}; {@code progress} hears how many were read after each
   * page, so that an activity can heartbeat through a read of 100,000 (200 pages, over 30 s under
   * load).
   */
  static DeploymentProcesses listed(KubernetesClient client, IntConsumer progress) {
    return (namespace, deployment) -> {
      List<DeviceProcess> all = new ArrayList<>();
      forEachPage(client, namespace, deployment, all::addAll, progress);
      return all;
    };
  }

  /**
   * Reads {@code namespace/deployment}'s DeviceProcesses from the API server and hands them to
   * {@code page} one page at a time, so that a reader that only counts never holds the whole fleet;
   * {@code progress} hears how many were read after each page.
   */
  static void forEachPage(
      KubernetesClient client,
      String namespace,
      String deployment,
      Consumer<List<DeviceProcess>> page,
      IntConsumer progress) {
    int read = 0;
    String next = null;
    do {
      KubernetesResourceList<DeviceProcess> items =
          client
              .resources(DeviceProcess.class)
              .inNamespace(namespace)
              .withLabel(Labels.DEPLOYMENT, deployment)
              .list(new ListOptionsBuilder().withLimit(LIST_CHUNK).withContinue(next).build());
      List<DeviceProcess> readable = readable(items.getItems());
      page.accept(readable);
      read += readable.size();
      progress.accept(read);
      next = items.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
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
      return readable(informer.getIndexer().byIndex(BY_DEPLOYMENT, namespace + "/" + deployment));
    };
  }

  /**
   * {@code processes} without those the model could not read ({@link TolerantReading}): a rollout
   * never moves one; the reconciler replaces it.
   */
  static List<DeviceProcess> readable(List<DeviceProcess> processes) {
    return processes.stream().allMatch(dp -> TolerantReading.problemOf(dp).isEmpty())
        ? processes
        : processes.stream().filter(dp -> TolerantReading.problemOf(dp).isEmpty()).toList();
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
