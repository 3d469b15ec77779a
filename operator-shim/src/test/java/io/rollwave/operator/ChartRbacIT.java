package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nats.client.Connection;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TemporalTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's default install (all namespaces, a ClusterRole) on a kube-apiserver of its own: the
 * operator runs with a token of the chart's ServiceAccount, nothing else, and completes rollouts.
 */
@ExtendWith(RealServers.class)
class ChartRbacIT {
  private static KubeTestServer kube;
  private static KubernetesClient admin;

  @BeforeAll
  static void start() {
    // its own API server: an operator watching all namespaces must not meet other ITs' objects
    kube = KubeTestServer.start(RepoLayout.targetDir("chart-rbac-kube"), RepoLayout.find());
    admin = kube.client();
  }

  @AfterAll
  static void stop() {
    admin.close();
    kube.close();
  }

  @Test
  void completesRolloutsWithOnlyTheChartsClusterRole(
      NatsTestServer natsServer, TemporalTestServer temporal) throws Exception {
    List<HasMetadata> rendered =
        HelmChart.objects(HelmChart.template(ChartRbacScenario.RELEASE_NAMESPACE, Map.of()));
    assertThat(rendered)
        .extracting(HasMetadata::getKind)
        .contains("ClusterRole", "ClusterRoleBinding");
    assertThat(rendered)
        .filteredOn(o -> o.getKind().equals("Role"))
        .as("the only Role: the Lease's, in the release namespace")
        .singleElement()
        .matches(ChartRbacScenario::isLeaseRole);
    kube.createNamespace(ChartRbacScenario.RELEASE_NAMESPACE);
    ChartRbacScenario.applyRbac(admin, rendered);
    Path dir = Files.createTempDirectory(RepoLayout.targetDir("chart-rbac"), "all-");
    Path kubeconfig =
        ServiceAccountKubeconfig.write(
            kube,
            ChartRbacScenario.RELEASE_NAMESPACE,
            ChartRbacScenario.SERVICE_ACCOUNT,
            dir.resolve("kubeconfig"));
    try (KubernetesClient operatorClient =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build()) {
      assertThatThrownBy(() -> operatorClient.configMaps().inAnyNamespace().list())
          .as("the ServiceAccount is not an administrator")
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("cannot list resource \"configmaps\"");
    }
    Map<String, String> flags = new HashMap<>(ChartRbacScenario.leaderElection());
    flags.putAll(
        Map.of(
            "kubeconfig", kubeconfig.toString(),
            "temporal", temporal.target(),
            "nats", natsServer.url(),
            "nats-ca-file", natsServer.caFile().toString(),
            "task-queue", "chart-rbac-all",
            "signal-interval-ms", "200"));
    OperatorConfig config = OperatorConfig.fromMap(flags, Map.of());
    try (ControlPlane plane = ControlPlane.start(config);
        KubernetesClient asOperator = ControlPlane.kubernetes(config);
        Connection nats = natsServer.connect();
        FleetSimulator agents = new FleetSimulator(nats, FleetSimulator.Behaviour.instant())) {
      assertThat(new ChartRbacScenario(kube, admin, asOperator, "chart-all", () -> false).run())
          .isTrue();
    }
  }
}
