package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.activities.ParallelRequests;
import io.rollwave.api.Labels;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link MembershipPlan}: creates the planned DeviceProcesses (in parallel) and
 * deletes the others. A create that meets an existing DP is fine when this deployment controls it
 * (an earlier reconcile made it and the cache had not shown it yet); when something else does, the
 * device is left without one and the conflict is reported, naming both.
 */
final class MembershipWriter {
  private static final Logger LOG = LoggerFactory.getLogger(MembershipWriter.class);

  /** What came of a plan: DPs not created (so not members) and why, one line each. */
  record Outcome(Set<String> notCreated, List<String> conflicts) {}

  private final KubernetesClient client;
  private final ParallelRequests creates =
      new ParallelRequests("dp-create", ParallelRequests.DEFAULT_PARALLELISM);

  MembershipWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Creates and deletes as {@code plan} says; {@code created} is told of each DP created or found
   * to be this deployment's already.
   */
  Outcome execute(
      DeviceProcessDeployment dpd, MembershipPlan plan, String revision, Consumer<String> created) {
    String ns = dpd.getMetadata().getNamespace();
    String name = dpd.getMetadata().getName();
    Set<String> notCreated = ConcurrentHashMap.newKeySet();
    List<String> conflicts = Collections.synchronizedList(new ArrayList<>());
    plan.conflicts()
        .forEach(
            c ->
                conflicts.add(
                    describe(c.device(), c.name(), "that name and the seed's are taken")));
    if (!plan.create().isEmpty()) {
      creates.forEach(
          List.copyOf(plan.create().entrySet()),
          create -> {
            String conflict = create(dpd, create.getKey(), create.getValue(), revision);
            if (conflict == null) {
              created.accept(create.getKey());
            } else {
              notCreated.add(create.getKey());
              conflicts.add(conflict);
            }
          },
          Integer.MAX_VALUE,
          n -> {});
      LOG.info(
          "dpd {}/{} rev {}: {} DeviceProcesses for newly matching devices created or found{}",
          ns,
          name,
          revision,
          plan.create().size() - notCreated.size(),
          notCreated.isEmpty() ? "" : ", " + notCreated.size() + " left out by a name conflict");
    }
    for (String conflict : conflicts) {
      LOG.warn("dpd {}/{}: {}", ns, name, conflict);
    }
    for (String delete : plan.delete()) {
      client.resources(DeviceProcess.class).inNamespace(ns).withName(delete).delete();
      LOG.info("dpd {}/{}: deleted {}: its device no longer matches", ns, name, delete);
    }
    return new Outcome(Set.copyOf(notCreated), List.copyOf(conflicts));
  }

  /** Creates the DP; null when it exists now as this deployment's, else the conflict. */
  private String create(
      DeviceProcessDeployment dpd, String dpName, InventoryDevice device, String revision) {
    String ns = dpd.getMetadata().getNamespace();
    try {
      client.resource(processOf(dpd, dpName, device, revision)).create();
      LOG.debug(
          "dpd {}/{} rev {}: created {} for {} {}",
          ns,
          dpd.getMetadata().getName(),
          revision,
          dpName,
          device.kind(),
          device.name());
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    DeviceProcess existing =
        client.resources(DeviceProcess.class).inNamespace(ns).withName(dpName).get();
    if (existing == null) {
      return describe(device, dpName, "it existed a moment ago; retrying on the next reconcile");
    }
    if (Owners.controlledBy(existing, dpd)) {
      return null; // made by an earlier reconcile whose result this one's cache had not seen yet
    }
    return describe(device, dpName, "it belongs to " + Owners.describeController(existing));
  }

  private static String describe(InventoryDevice device, String dpName, String why) {
    return "device "
        + device.kind()
        + "/"
        + device.name()
        + " has no DeviceProcess: "
        + dpName
        + " cannot be created, "
        + why;
  }

  private static DeviceProcess processOf(
      DeviceProcessDeployment dpd, String dpName, InventoryDevice device, String revision) {
    Map<String, String> labels = new HashMap<>(device.labels());
    labels.put(Labels.APP, dpd.getMetadata().getName());
    if (dpd.getSpec().template().metadata() != null
        && dpd.getSpec().template().metadata().labels() != null) {
      labels.putAll(dpd.getSpec().template().metadata().labels());
    }
    // ours last: a template's labels never take a DP into another deployment
    labels.put(Labels.DEPLOYMENT, dpd.getMetadata().getName());
    labels.put(Labels.REVISION, revision);
    DeviceProcess dp = new DeviceProcess();
    dp.setMetadata(
        new ObjectMetaBuilder()
            .withName(dpName)
            .withNamespace(dpd.getMetadata().getNamespace())
            .withLabels(labels)
            .withOwnerReferences(Owners.controllerOf(dpd))
            .build());
    dp.setSpec(
        DeviceProcessSpec.of(
            new DeviceRef(device.kind(), device.name(), null), dpd.getSpec().template().spec()));
    return dp;
  }
}
