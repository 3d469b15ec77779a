package io.rollwave.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.testsupport.Commands;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 000's examples apply unchanged (but for the placeholder checksum) to a real API server, read
 * back equal, and {@code kubectl get} prints the seed's columns.
 */
@ExtendWith(RealServers.class)
class SeedExamplesIT {
  private static final String NS = "infra-system";

  @BeforeAll
  static void namespace(KubeTestServer kube) {
    kube.createNamespace(NS);
  }

  @Test
  void seedHasOneCompleteExampleOfEachKind() {
    assertThat(SeedExamples.yamlBlocks())
        .hasSize(2)
        .anySatisfy(b -> assertThat(b).contains("kind: DeviceProcess\n"))
        .anySatisfy(b -> assertThat(b).contains("kind: DeviceProcessDeployment\n"));
  }

  @Test
  void placeholderChecksumIsRejectedAsTheSeedWritesIt(KubeTestServer kube) {
    var result = kube.tryKubectl(SeedExamples.example("DeviceProcess"), "apply", "-f", "-");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output())
        .contains("spec.artifact.checksumSHA256")
        .contains("exactly 64 hexadecimal characters");
  }

  @Test
  void deviceProcessExampleAppliesAndReadsBackEqual(KubeTestServer kube) {
    Map<String, Object> applied =
        applyWithStatus(kube, "deviceprocess", SeedExamples.example("DeviceProcess"));

    Map<String, Object> read =
        YamlTrees.parse(
            kube.kubectl("get", "deviceprocess", "switch-agent-tor1-01", "-n", NS, "-o", "json"));
    assertThat(YamlTrees.missing(applied.get("spec"), read.get("spec"))).isEmpty();
    assertThat(YamlTrees.missing(applied.get("status"), read.get("status"))).isEmpty();
    assertThat(YamlTrees.missing(read.get("status"), applied.get("status")))
        .as("status holds nothing the seed did not write")
        .isEmpty();

    try (KubernetesClient client = kube.client()) {
      DeviceProcess dp =
          client
              .resources(DeviceProcess.class)
              .inNamespace(NS)
              .withName("switch-agent-tor1-01")
              .get();
      assertThat(dp.getSpec().deviceRef().kind()).isEqualTo("NetworkSwitch");
      assertThat(dp.getSpec().deviceRef().name()).isEqualTo("tor1-01");
      assertThat(dp.getSpec().artifact().type()).isEqualTo(ArtifactType.OCI);
      assertThat(dp.getSpec().execution().backend()).isEqualTo(Backend.SYSTEMD);
      assertThat(dp.getSpec().execution().env().get(0).name()).isEqualTo("LOG_LEVEL");
      assertThat(dp.getSpec().restartPolicy()).isEqualTo(RestartPolicy.Always);
      assertThat(dp.getSpec().healthCheck().timeoutSeconds()).isEqualTo(5);
      assertThat(dp.getStatus().phase()).isEqualTo(ProcessPhase.Running);
      assertThat(dp.getStatus().pid()).isEqualTo(12345L);
      assertThat(dp.getStatus().conditions())
          .extracting(c -> c.type() + "=" + c.status())
          .containsExactly(
              "ArtifactDownloaded=" + ConditionStatus.TRUE,
              "ProcessStarted=" + ConditionStatus.TRUE,
              "Healthy=" + ConditionStatus.TRUE);
    }

    List<String> table = lines(kube.kubectl("get", "deviceprocess", "-n", NS));
    assertThat(table.get(0)).matches("NAME\\s+DEVICE\\s+PHASE\\s+VERSION\\s+RESTARTS\\s+AGE");
    assertThat(table)
        .anyMatch(
            l ->
                l.matches("switch-agent-tor1-01\\s+tor1-01\\s+Running\\s+v1\\.2\\.3\\s+0\\s+\\S+"));
  }

  @Test
  void deploymentExampleAppliesAndReadsBackEqual(KubeTestServer kube) {
    Map<String, Object> applied =
        applyWithStatus(
            kube, "deviceprocessdeployment", SeedExamples.example("DeviceProcessDeployment"));

    Map<String, Object> read =
        YamlTrees.parse(kube.kubectl("get", "dpd", "switch-agent", "-n", NS, "-o", "json"));
    assertThat(YamlTrees.missing(applied.get("spec"), read.get("spec"))).isEmpty();
    assertThat(YamlTrees.missing(applied.get("status"), read.get("status"))).isEmpty();

    try (KubernetesClient client = kube.client()) {
      DeviceProcessDeployment dpd =
          client
              .resources(DeviceProcessDeployment.class)
              .inNamespace(NS)
              .withName("switch-agent")
              .get();
      assertThat(dpd.getSpec().selector().getMatchLabels()).containsEntry("role", "tor");
      assertThat(dpd.getSpec().updateStrategy().rollingUpdate().maxUnavailable().getStrVal())
          .isEqualTo("10%");
      assertThat(dpd.getSpec().template().spec().healthCheck().periodSeconds()).isEqualTo(30);
      assertThat(dpd.getStatus().numberUnavailable()).isEqualTo(2);
    }

    List<String> table = lines(kube.kubectl("get", "deviceprocessdeployment", "-n", NS));
    assertThat(table.get(0))
        .matches(
            "NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AVAILABLE\\s+UNAVAILABLE\\s+AGE\\s+VERSION");
    assertThat(table)
        .as("the seed's artifact has no version: VERSION is empty")
        .anyMatch(l -> l.matches("switch-agent\\s+100\\s+100\\s+98\\s+98\\s+2\\s+\\S+"));
  }

  @Test
  void docsExamplesApply(KubeTestServer kube) throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(RepoLayout.find().root().resolve("docs/examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      Commands.Result dryRun =
          kube.tryKubectl(null, "apply", "--dry-run=server", "-f", example.toString());
      assertThat(dryRun.exitCode()).as("%s: %s", example, dryRun.output()).isZero();
    }
  }

  /** kubectl apply of the example, then its status through the status subresource. */
  private static Map<String, Object> applyWithStatus(
      KubeTestServer kube, String resource, String seedYaml) {
    String yaml = SeedExamples.withValidChecksum(seedYaml);
    Map<String, Object> example = YamlTrees.parse(yaml);
    kube.kubectlApply(yaml);
    @SuppressWarnings("unchecked")
    String name = (String) ((Map<String, Object>) example.get("metadata")).get("name");
    kube.kubectl(
        "patch",
        resource,
        name,
        "-n",
        NS,
        "--subresource=status",
        "--type=merge",
        "-p",
        YamlTrees.json(Map.of("status", example.get("status"))));
    return example;
  }

  private static List<String> lines(String output) {
    return Arrays.stream(output.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
