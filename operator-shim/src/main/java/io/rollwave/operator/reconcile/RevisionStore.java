package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deployment's templates as {@code apps/v1} ControllerRevisions, numbered as a DaemonSet's are,
 * pruned to {@code spec.revisionHistoryLimit} besides the new and the current one.
 */
final class RevisionStore {
  private static final Logger LOG = LoggerFactory.getLogger(RevisionStore.class);

  static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

  private final KubernetesClient client;

  RevisionStore(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Stores {@code revision} of {@code dpd}'s template unless it is stored already; returns the
   * revisions stored once older ones are pruned (what a rollback may return to).
   */
  List<String> store(DeviceProcessDeployment dpd, String revision) {
    String ns = dpd.getMetadata().getNamespace();
    String name = Labels.controllerRevisionName(dpd.getMetadata().getName(), revision);
    List<ControllerRevision> stored = stored(dpd);
    if (stored.stream().anyMatch(cr -> name.equals(cr.getMetadata().getName()))) {
      return revisionsOf(stored);
    }
    long number = stored.stream().mapToLong(ControllerRevision::getRevision).max().orElse(0) + 1;
    ControllerRevision cr =
        new ControllerRevisionBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(
                Map.of(Labels.DEPLOYMENT, dpd.getMetadata().getName(), Labels.REVISION, revision))
            .withAnnotations(changeCause(dpd))
            .withOwnerReferences(Owners.controllerOf(dpd))
            .endMetadata()
            .withRevision(number)
            .withData(
                client
                    .getKubernetesSerialization()
                    .convertValue(dpd.getSpec().template(), Map.class))
            .build();
    ControllerRevision created = client.resource(cr).create();
    LOG.info(
        "dpd {}/{} rev {}: stored template as ControllerRevision {} (revision {})",
        ns,
        dpd.getMetadata().getName(),
        revision,
        name,
        number);
    List<ControllerRevision> all = new ArrayList<>(stored);
    all.add(created);
    List<String> pruned = prune(dpd, revision, all);
    return revisionsOf(all).stream().filter(r -> !pruned.contains(r)).toList();
  }

  /** The revision hashes of {@code dpd}'s stored ControllerRevisions. */
  List<String> storedRevisions(DeviceProcessDeployment dpd) {
    return revisionsOf(stored(dpd));
  }

  private static List<String> revisionsOf(List<ControllerRevision> stored) {
    return stored.stream()
        .map(cr -> cr.getMetadata().getLabels().getOrDefault(Labels.REVISION, ""))
        .filter(r -> !r.isEmpty())
        .sorted()
        .toList();
  }

  /**
   * The deployment's {@code kubernetes.io/change-cause} annotation, kept with the revision it
   * describes (as a Deployment's ReplicaSets keep it) so {@code kubectl rollwave history} shows it.
   */
  private static Map<String, String> changeCause(DeviceProcessDeployment dpd) {
    Map<String, String> annotations = dpd.getMetadata().getAnnotations();
    String cause = annotations == null ? null : annotations.get(CHANGE_CAUSE);
    return cause == null ? Map.of() : Map.of(CHANGE_CAUSE, cause);
  }

  private List<ControllerRevision> stored(DeviceProcessDeployment dpd) {
    return client
        .apps()
        .controllerRevisions()
        .inNamespace(dpd.getMetadata().getNamespace())
        .withLabel(Labels.DEPLOYMENT, dpd.getMetadata().getName())
        .list()
        .getItems();
  }

  /** Deletes what {@code revisionHistoryLimit} no longer keeps; returns their revision hashes. */
  private List<String> prune(
      DeviceProcessDeployment dpd, String revision, List<ControllerRevision> stored) {
    String ns = dpd.getMetadata().getNamespace();
    int limit =
        dpd.getSpec().revisionHistoryLimit() == null ? 10 : dpd.getSpec().revisionHistoryLimit();
    Set<String> keep = new HashSet<>();
    keep.add(revision);
    if (dpd.getStatus() != null && dpd.getStatus().currentRevision() != null) {
      keep.add(dpd.getStatus().currentRevision());
    }
    List<RevisionHistory.Stored> history =
        stored.stream()
            .map(
                cr ->
                    new RevisionHistory.Stored(
                        cr.getMetadata().getName(),
                        cr.getRevision(),
                        cr.getMetadata().getLabels().getOrDefault(Labels.REVISION, "")))
            .toList();
    List<String> prunable = RevisionHistory.prunable(history, limit, keep);
    for (String old : prunable) {
      client.apps().controllerRevisions().inNamespace(ns).withName(old).delete();
      LOG.info(
          "dpd {}/{} rev {}: deleted ControllerRevision {} (revisionHistoryLimit {})",
          ns,
          dpd.getMetadata().getName(),
          revision,
          old,
          limit);
    }
    return history.stream()
        .filter(h -> prunable.contains(h.name()))
        .map(RevisionHistory.Stored::revision)
        .toList();
  }
}
