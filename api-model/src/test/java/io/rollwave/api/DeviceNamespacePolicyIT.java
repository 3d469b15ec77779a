package io.rollwave.api;

import static io.rollwave.api.ApiVerdicts.PROCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.testsupport.Commands;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's ValidatingAdmissionPolicy keeps a DeviceProcess on devices of its own namespace:
 * {@code spec.deviceRef.namespace} naming another namespace is refused, unless the DeviceProcess's
 * namespace opts in with {@link Labels#CROSS_NAMESPACE_DEVICES}.
 */
@ExtendWith(RealServers.class)
class DeviceNamespacePolicyIT {
  private static final Path POLICY =
      Path.of("charts/rollwave/templates/deviceprocess-device-namespace-policy.yaml");
  private static final String TENANT = "tenant-b";
  private static final String OPTED_IN = "fleet-admin";
  private static final String REFUSAL = "may not run on a device of namespace tenant-a";

  /** One DeviceProcess: its namespace, its deviceRef.namespace (null: unset), and the verdict. */
  record Row(String name, String namespace, String deviceNamespace, boolean admitted) {
    @Override
    public String toString() {
      return name;
    }

    String yaml() {
      String yaml = PROCESS.replace("namespace: invalid-input", "namespace: " + namespace);
      return deviceNamespace == null
          ? yaml
          : yaml.replace("name: tor1-01", "name: tor1-01\n    namespace: " + deviceNamespace);
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "another namespace's device (issue 14: ran on A's device)", TENANT, "tenant-a", false),
        new Row("its own namespace named", TENANT, TENANT, true),
        new Row("no namespace named: its own", TENANT, null, true),
        new Row(
            "another namespace's device from an opted-in namespace", OPTED_IN, "tenant-a", true));
  }

  @BeforeAll
  static void policyAndNamespaces(KubeTestServer kube) {
    kube.createNamespace(TENANT);
    try (KubernetesClient client = kube.client()) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(OPTED_IN)
                  .addToLabels(Labels.CROSS_NAMESPACE_DEVICES, "true")
                  .endMetadata()
                  .build())
          .serverSideApply();
    }
    kube.kubectl("apply", "-f", RepoLayout.find().root().resolve(POLICY).toString());
    // The API server compiles a new policy and starts enforcing it a moment after it is stored.
    Row refused = rows().filter(r -> !r.admitted()).findFirst().orElseThrow();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(dryRun(kube, refused.yaml()).exitCode()).isNotZero());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void policyAdmitsOnlyDevicesOfTheProcesssOwnNamespace(Row row, KubeTestServer kube) {
    Commands.Result result = dryRun(kube, row.yaml());
    if (row.admitted()) {
      assertThat(result.exitCode()).as(result.output()).isZero();
    } else {
      assertThat(result.exitCode()).as(result.output()).isNotZero();
      assertThat(result.output())
          .contains("rollwave-deviceprocess-device-namespace")
          .contains(REFUSAL)
          .contains(Labels.CROSS_NAMESPACE_DEVICES + "=true");
    }
  }

  @Test
  void policyRefusesMovingAnExistingProcessToAnotherNamespacesDevice(KubeTestServer kube) {
    String own = new Row("own", TENANT, null, true).yaml().replace("bad-input", "moved");
    kube.kubectlApply(own);

    Commands.Result moved =
        kube.tryKubectl(
            null,
            "patch",
            "deviceprocess",
            "moved",
            "-n",
            TENANT,
            "--type=merge",
            "-p",
            "{\"spec\":{\"deviceRef\":{\"namespace\":\"tenant-a\"}}}");

    assertThat(moved.exitCode()).as(moved.output()).isNotZero();
    assertThat(moved.output()).contains(REFUSAL);
  }

  private static Commands.Result dryRun(KubeTestServer kube, String yaml) {
    return kube.tryKubectl(yaml, "apply", "--dry-run=server", "-f", "-");
  }
}
