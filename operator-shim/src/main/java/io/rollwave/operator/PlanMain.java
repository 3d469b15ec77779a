package io.rollwave.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rollwave.activities.BatchPlanner;
import io.rollwave.activities.DeviceAvailability;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.operator.reconcile.RevisionHasher;
import io.rollwave.operator.reconcile.RolloutStarter;
import io.rollwave.rollout.plan.DeviceState;
import io.rollwave.rollout.plan.PlanPreview;
import io.rollwave.rollout.plan.WindowLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code rollwave plan NAMESPACE/NAME}: before anything moves, the batches the rollout of the
 * deployment's current template would take through the window for the fleet as it is now.
 */
public final class PlanMain {
  static final String USAGE =
      """
      Usage: rollwave plan NAMESPACE/NAME [--kubeconfig FILE]
        Prints the batches the rollout of the deployment's current template would take, with the
        window and partition limits of its spec, assuming each batch becomes available before the
        next. Reads the cluster; changes nothing.
      """;

  private PlanMain() {}

  public static void main(String[] args) throws Exception {
    String target = null;
    String kubeconfig = System.getenv("KUBECONFIG");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.print(USAGE);
        return;
      } else if (args[i].equals("--kubeconfig") && i + 1 < args.length) {
        kubeconfig = args[++i];
      } else if (target == null && args[i].matches("^[a-z0-9-]+/[a-z0-9.-]+$")) {
        target = args[i];
      } else {
        fail("unexpected argument '" + args[i] + "'");
      }
    }
    if (target == null) {
      fail("NAMESPACE/NAME of a DeviceProcessDeployment is required");
    }
    String ns = target.substring(0, target.indexOf('/'));
    String name = target.substring(target.indexOf('/') + 1);
    try (KubernetesClient client =
        kubeconfig == null
            ? new KubernetesClientBuilder().build()
            : new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(Path.of(kubeconfig))))
                .build()) {
      Optional<String> plan = plan(client, ns, name);
      if (plan.isEmpty()) {
        fail("DeviceProcessDeployment " + target + " not found");
      }
      System.out.print(plan.get());
    }
  }

  /** The plan of deployment {@code ns/name} as text; empty when there is no such deployment. */
  public static Optional<String> plan(KubernetesClient client, String ns, String name) {
    DeviceProcessDeployment dpd =
        client.resources(DeviceProcessDeployment.class).inNamespace(ns).withName(name).get();
    return dpd == null ? Optional.empty() : Optional.of(render(dpd, processes(client, ns, name)));
  }

  private static List<DeviceProcess> processes(KubernetesClient client, String ns, String name) {
    return client
        .resources(DeviceProcess.class)
        .inNamespace(ns)
        .withLabel(Labels.DEPLOYMENT, name)
        .list()
        .getItems();
  }

  /** The plan as text. */
  static String render(DeviceProcessDeployment dpd, List<DeviceProcess> processes) {
    String revision = RevisionHasher.hash(dpd.getSpec().template());
    RolloutInput input = RolloutStarter.inputOf(dpd, revision);
    List<DeviceState> fleet =
        processes.stream()
            .map(dp -> DeviceAvailability.stateOf(dp, input.partitionBy()))
            .sorted(java.util.Comparator.comparing(DeviceState::name))
            .toList();
    WindowLimits limits = BatchPlanner.limits(input, fleet);
    List<List<String>> batches = PlanPreview.batches(fleet, revision, limits);
    StringBuilder out = new StringBuilder();
    long atTarget = fleet.stream().filter(d -> d.revision().equals(revision)).count();
    long down = fleet.stream().filter(d -> !d.available()).count();
    out.append(
        String.format(
            "dpd %s/%s: revision %s, %d devices (%d already at it, %d unavailable now)%n",
            input.namespace(), input.deployment(), revision, fleet.size(), atTarget, down));
    out.append(
        String.format(
            "window: %d devices (maxUnavailable %s)%s%n",
            limits.maxUnavailable(),
            input.maxUnavailable() == null ? "1" : input.maxUnavailable(),
            limits.maxUnavailablePerPartition().isPresent()
                ? ", at most "
                    + limits.maxUnavailablePerPartition().getAsInt()
                    + " per "
                    + input.partitionBy()
                : ""));
    if (fleet.isEmpty()) {
      out.append(
          "no DeviceProcesses yet: the operator creates one per matching device when it runs\n");
    } else if (batches.isEmpty()) {
      out.append("nothing to move: every device is at the revision\n");
    }
    for (int i = 0; i < batches.size(); i++) {
      out.append(
          String.format(
              "batch %d (%d): %s%n",
              i + 1, batches.get(i).size(), String.join(" ", batches.get(i))));
    }
    if (Boolean.TRUE.equals(dpd.getSpec().paused())) {
      out.append("spec.paused is true: nothing moves until it is removed\n");
    }
    return out.toString();
  }

  private static void fail(String message) {
    System.err.println("rollwave plan: " + message);
    System.err.print(USAGE);
    System.exit(2);
  }
}
