package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.operator.reconcile.CollidingCreate;
import io.rollwave.operator.reconcile.InventoryDevice;
import io.rollwave.testsupport.KubeTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A rollout that uses every right the chart grants: three switches, a deployment rolled to v1, v2
 * and v3 (revisionHistoryLimit 0 prunes v1's ControllerRevision), then one switch relabelled out of
 * the selector (its DeviceProcess deleted). Each step waits for its outcome, or until {@code
 * stopped} says the operator already failed. Last, the reconciler's writer, on the operator's
 * client, meets a DeviceProcess made by hand under the name it creates (as when its cache lags): it
 * reads that one to report whose it is.
 */
final class ChartRbacScenario {
  static final String RELEASE_NAMESPACE = "rollwave-system";
  static final String SERVICE_ACCOUNT = "rollwave";
  static final String DPD = "switch-agent";

  private final KubeTestServer kube;
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;
  private final String ns;
  private final BooleanSupplier stopped;

  ChartRbacScenario(
      KubeTestServer kube,
      KubernetesClient client,
      KubernetesClient operatorClient,
      String ns,
      BooleanSupplier stopped) {
    this.kube = kube;
    this.client = client;
    this.operatorClient = operatorClient;
    this.ns = ns;
    this.stopped = stopped;
  }

  /** Applies the chart's ServiceAccount, roles and bindings (the RBAC kinds only) as the admin. */
  static void applyRbac(KubernetesClient admin, List<HasMetadata> rendered) {
    for (HasMetadata o : rendered) {
      if (List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")
          .contains(o.getKind())) {
        admin.resource(o).forceConflicts().serverSideApply();
      }
    }
  }

  /** The rules of the one Role (or ClusterRole) the chart rendered for the operator's resources. */
  static List<PolicyRule> operatorRules(List<HasMetadata> rendered) {
    return rendered.stream()
        .filter(o -> o.getKind().equals("Role") || o.getKind().equals("ClusterRole"))
        .filter(o -> !isLeaseRole(o))
        .map(
            o ->
                o instanceof Role r
                    ? r.getRules()
                    : ((io.fabric8.kubernetes.api.model.rbac.ClusterRole) o).getRules())
        .findFirst()
        .orElseThrow(() -> new AssertionError("the chart rendered no Role or ClusterRole"));
  }

  /** The Role in the release namespace that grants the leader-election Lease. */
  static boolean isLeaseRole(HasMetadata o) {
    return o instanceof Role && o.getMetadata().getName().endsWith("-leader-election");
  }

  /** The rules of the chart's leader-election Role. */
  static List<PolicyRule> leaseRules(List<HasMetadata> rendered) {
    return rendered.stream()
        .filter(ChartRbacScenario::isLeaseRole)
        .map(o -> ((Role) o).getRules())
        .findFirst()
        .orElseThrow(() -> new AssertionError("the chart rendered no leader-election Role"));
  }

  /**
   * The flags that make the operator elect its leader on the chart's Lease, as the chart's pods do
   * (one identity for every control plane of a test, so each takes the Lease at once).
   */
  static Map<String, String> leaderElection() {
    return Map.of(
        "leader-election", "true",
        "lease-namespace", RELEASE_NAMESPACE,
        "leader-identity", "chart-rbac");
  }

  /** Runs the steps; returns false if {@code stopped} turned true before the last outcome. */
  boolean run() {
    TestControlPlanes.switches(kube, ns, 3);
    kube.kubectlApply(deployment("v1", "1"));
    if (!step(() -> assertThat(counts()).isEqualTo("3 3 3 3 0"))) {
      return false;
    }
    String v1 = updateRevision();
    kube.kubectlApply(deployment("v2", "2"));
    if (!step(() -> assertRolledOut(v1))) {
      return false;
    }
    String v2 = updateRevision();
    kube.kubectlApply(deployment("v3", "3"));
    if (!step(
        () -> {
          assertRolledOut(v2);
          assertThat(
                  client
                      .apps()
                      .controllerRevisions()
                      .inNamespace(ns)
                      .withName(DPD + "-" + v1)
                      .get())
              .as("v1's ControllerRevision pruned")
              .isNull();
        })) {
      return false;
    }
    kube.kubectlApply(
        ControlPlaneIT.switchYaml("tor-03", "rack1", "spine")
            .replace("namespace: cp-it", "namespace: " + ns));
    if (!step(
        () ->
            assertThat(
                    client
                        .resources(DeviceProcess.class)
                        .inNamespace(ns)
                        .withName(DPD + "-tor-03")
                        .get())
                .as("DeviceProcess of the relabelled switch deleted")
                .isNull())) {
      return false;
    }
    return collidingCreate();
  }

  private boolean collidingCreate() {
    String byHand = DPD + "-by-hand";
    kube.kubectlApply(
        """
        apiVersion: azure.com/v1alpha1
        kind: DeviceProcess
        metadata: {name: %s, namespace: %s}
        spec:
          deviceRef: {kind: NetworkSwitch, name: by-hand}
          artifact: {type: http, url: "https://x.example/a", checksumSHA256: "%s"}
          execution: {backend: exec, command: ["a"]}
        """
            .formatted(byHand, ns, "0".repeat(64)));
    DeviceProcessDeployment dpd =
        client.resources(DeviceProcessDeployment.class).inNamespace(ns).withName(DPD).get();
    InventoryDevice device = new InventoryDevice("NetworkSwitch", ns, "tor-01", Map.of());
    return step(
        () ->
            assertThat(CollidingCreate.attempt(operatorClient, dpd, byHand, device))
                .singleElement()
                .asString()
                .contains("it belongs to no controller"));
  }

  private void assertRolledOut(String previous) {
    String revision = updateRevision();
    assertThat(revision).isNotEqualTo(previous);
    List<DeviceProcess> dps =
        client.resources(DeviceProcess.class).inNamespace(ns).list().getItems();
    assertThat(dps)
        .hasSize(3)
        .allSatisfy(
            dp ->
                assertThat(dp.getMetadata().getLabels()).containsEntry(Labels.REVISION, revision));
    assertThat(counts()).isEqualTo("3 3 3 3 0");
    assertThat(kube.kubectl("describe", "dpd", DPD, "-n", ns))
        .contains("All 3 devices run revision " + revision);
    // the next template prunes the revisions the fleet is not on: it must see the fleet on this one
    assertThat(
            client
                .resources(DeviceProcessDeployment.class)
                .inNamespace(ns)
                .withName(DPD)
                .get()
                .getStatus()
                .currentRevision())
        .isEqualTo(revision);
  }

  private boolean step(Runnable outcome) {
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () -> {
                if (stopped.getAsBoolean()) {
                  return true;
                }
                outcome.run();
                return true;
              });
    } catch (ConditionTimeoutException e) {
      if (stopped.getAsBoolean()) {
        return false;
      }
      outcome.run(); // fails with the assertion's own message
    }
    return !stopped.getAsBoolean();
  }

  private String counts() {
    // NAME DESIRED CURRENT READY AVAILABLE UNAVAILABLE AGE [VERSION]: the five counts
    String[] columns =
        kube.kubectl("get", "dpd", DPD, "-n", ns, "--no-headers").strip().split("\\s+");
    return String.join(" ", java.util.Arrays.copyOfRange(columns, 1, Math.min(6, columns.length)));
  }

  private String updateRevision() {
    DeviceProcessDeployment d =
        client.resources(DeviceProcessDeployment.class).inNamespace(ns).withName(DPD).get();
    return d == null || d.getStatus() == null ? "" : String.valueOf(d.getStatus().updateRevision());
  }

  private String deployment(String version, String digit) {
    return ControlPlaneIT.deploymentYaml(version, digit.repeat(64))
        .replace("namespace: cp-it", "namespace: " + ns)
        .replace("spec:\n  selector:", "spec:\n  revisionHistoryLimit: 0\n  selector:");
  }
}
