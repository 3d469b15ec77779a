package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nats.client.Connection;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TemporalTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's Role for one watched namespace is exactly enough: with all of it the operator, on its
 * ServiceAccount's token, completes the scenario; with any one verb on any one resource removed it
 * fails, and its log names the refused verb, resource and namespace and says what to grant
 * (ForbiddenRequests). Each case stops at the first 403 for its right.
 */
@ExtendWith(RealServers.class)
class ChartRbacRuleRemovalIT {
  private static final AtomicInteger CASES = new AtomicInteger();

  /**
   * One right the chart grants: a verb on a resource (with subresource) in an API group; {@code
   * lease} for the leader-election Role's rights, which hold in the release namespace.
   */
  record Right(String group, String resource, String verb, boolean lease) {
    @Override
    public String toString() {
      return verb + " " + resource + (group.isEmpty() ? "" : "." + group);
    }

    /** How the API server's 403 names this right, as the operator logs or throws it. */
    String forbidden(String ns) {
      return "cannot %s resource \"%s\" in API group \"%s\" in the namespace \"%s\""
          .formatted(verb, resource, group, lease ? ChartRbacScenario.RELEASE_NAMESPACE : ns);
    }
  }

  static Stream<Right> rights() {
    List<HasMetadata> rendered = render("placeholder");
    List<Right> rights = new ArrayList<>();
    addRights(rights, ChartRbacScenario.operatorRules(rendered), false);
    addRights(rights, ChartRbacScenario.leaseRules(rendered), true);
    return rights.stream().distinct();
  }

  private static void addRights(List<Right> rights, List<PolicyRule> rules, boolean lease) {
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            rights.add(new Right(group, resource, verb, lease));
          }
        }
      }
    }
  }

  @Test
  void completesTheScenarioWithTheWholeRole(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) throws Exception {
    String ns = "chart-rbac-whole";
    List<HasMetadata> rendered = render(ns);
    assertThat(rendered)
        .extracting(HasMetadata::getKind)
        .contains("Role", "RoleBinding")
        .doesNotContain("ClusterRole", "ClusterRoleBinding");
    assertThat(runWith(kube, nats, temporal, ns, rendered, () -> false)).isTrue();
  }

  @ParameterizedTest(name = "without {0}")
  @MethodSource("rights")
  void failsWithA403NamingTheRemovedRight(
      Right removed, KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal)
      throws Exception {
    String ns = "chart-rbac-" + CASES.incrementAndGet();
    List<HasMetadata> rendered = render(ns);
    Role role =
        (Role)
            rendered.stream()
                .filter(o -> o.getKind().equals("Role"))
                .filter(o -> ChartRbacScenario.isLeaseRole(o) == removed.lease())
                .findFirst()
                .orElseThrow();
    role.setRules(without(role.getRules(), removed));
    String expected = "forbidden: the operator " + removed.forbidden(ns);
    try (CapturedLog log = new CapturedLog()) {
      StringBuilder startError = new StringBuilder();
      boolean completed =
          runWith(
              kube, nats, temporal, ns, rendered, () -> log.text().contains(expected), startError);
      assertThat(completed)
          .as("the scenario completed without %s: the chart grants a right nobody uses", removed)
          .isFalse();
      assertThat(log.text())
          .as("the operator's log names the missing right (start error: %s)", startError)
          .contains(expected);
    }
  }

  private static boolean runWith(
      KubeTestServer kube,
      NatsTestServer natsServer,
      TemporalTestServer temporal,
      String ns,
      List<HasMetadata> rendered,
      BooleanSupplier stopped)
      throws Exception {
    return runWith(kube, natsServer, temporal, ns, rendered, stopped, new StringBuilder());
  }

  private static boolean runWith(
      KubeTestServer kube,
      NatsTestServer natsServer,
      TemporalTestServer temporal,
      String ns,
      List<HasMetadata> rendered,
      BooleanSupplier stopped,
      StringBuilder startError)
      throws Exception {
    kube.createNamespace(ChartRbacScenario.RELEASE_NAMESPACE);
    kube.createNamespace(ns);
    try (KubernetesClient admin = kube.client()) {
      ChartRbacScenario.applyRbac(admin, rendered);
      Path dir = Files.createTempDirectory(RepoLayout.targetDir("chart-rbac"), ns + "-");
      Path kubeconfig =
          ServiceAccountKubeconfig.write(
              kube,
              ChartRbacScenario.RELEASE_NAMESPACE,
              ChartRbacScenario.SERVICE_ACCOUNT,
              dir.resolve("kubeconfig"));
      Map<String, String> flags = new HashMap<>(ChartRbacScenario.leaderElection());
      flags.put("kubeconfig", kubeconfig.toString());
      OperatorConfig config = TestControlPlanes.config(kube, natsServer, temporal, ns, flags);
      ControlPlane plane;
      try {
        plane = ControlPlane.start(config);
      } catch (Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          startError.append(t).append('\n');
        }
        return false;
      }
      try (plane;
          KubernetesClient asOperator = ControlPlane.kubernetes(config);
          Connection nats = natsServer.connect();
          FleetSimulator agents = new FleetSimulator(nats, FleetSimulator.Behaviour.instant())) {
        return new ChartRbacScenario(kube, admin, asOperator, ns, stopped).run();
      }
    }
  }

  /** The rules less one verb on one resource; the rest of the rule stays granted. */
  static List<PolicyRule> without(List<PolicyRule> rules, Right removed) {
    List<PolicyRule> out = new ArrayList<>();
    for (PolicyRule rule : rules) {
      if (!rule.getApiGroups().contains(removed.group())
          || !rule.getResources().contains(removed.resource())) {
        out.add(rule);
        continue;
      }
      List<String> others = new ArrayList<>(rule.getResources());
      others.remove(removed.resource());
      if (!others.isEmpty()) {
        out.add(new PolicyRuleBuilder(rule).withResources(others).build());
      }
      List<String> verbs = new ArrayList<>(rule.getVerbs());
      verbs.remove(removed.verb());
      if (!verbs.isEmpty()) {
        out.add(
            new PolicyRuleBuilder(rule).withResources(removed.resource()).withVerbs(verbs).build());
      }
    }
    return out;
  }

  private static List<HasMetadata> render(String ns) {
    return HelmChart.objects(
        HelmChart.template(ChartRbacScenario.RELEASE_NAMESPACE, Map.of("watchNamespaces[0]", ns)));
  }
}
