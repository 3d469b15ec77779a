package io.rollwave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.rollwave.testsupport.Commands;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.RealServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On a real API server, {@code kubectl explain} gives the model's description of each field (from
 * the chart's CRDs, as the API server publishes them in its OpenAPI document), and {@code kubectl
 * get dpd} shows the version being rolled out.
 */
@ExtendWith(RealServers.class)
class ExplainIT {
  private static final String NS = "explain";
  private static Map<String, CustomResourceDefinition> chart;

  @BeforeAll
  static void setUp(KubeTestServer kube) {
    kube.createNamespace(NS);
    chart = CrdManifests.inChart(Path.of("../charts/rollwave/crds"));
  }

  @ParameterizedTest(name = "kubectl explain {0}.{1}")
  @CsvSource({
    "deviceprocessdeployments, ''",
    "deviceprocessdeployments, spec",
    "deviceprocessdeployments, status",
    "deviceprocessdeployments, spec.updateStrategy.rollingUpdate.maxUnavailable",
    "deviceprocessdeployments, spec.selector.matchExpressions.operator",
    "deviceprocessdeployments, spec.template.spec.healthCheck.failureThreshold",
    "deviceprocessdeployments, status.rollout.phase",
    "deviceprocesses, spec.artifact.pullSecretRef.name",
    "deviceprocesses, status.conditions.lastTransitionTime",
    "networkswitches, spec.serialNumber",
    "deviceconnections, status.lastSeen",
  })
  void explainGivesTheModelsDescription(String plural, String field, KubeTestServer kube) {
    String description = description(plural, field);
    assertThat(description).as("description of %s.%s in the chart", plural, field).isNotBlank();
    String resource = field.isEmpty() ? plural : plural + "." + field;

    // The API server publishes a new CRD's schema in its OpenAPI document a moment after creation.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Commands.Result explained = kube.tryKubectl(null, "explain", resource);
              assertThat(explained.exitCode()).as(explained.output()).isZero();
              assertThat(words(explained.output())).contains(words(description));
            });
  }

  @Test
  void getDpdShowsTheVersionBeingRolledOut(KubeTestServer kube) {
    String url = "ghcr.io/apollo/switch-agent:v1.2.3";
    String yaml =
        SeedExamples.withValidChecksum(SeedExamples.example("DeviceProcessDeployment"))
            .replace("namespace: infra-system", "namespace: " + NS)
            .replace("url: " + url + "\n", "url: " + url + "\n        version: 1.2.3-rc1\n");
    assertThat(yaml).contains("version: 1.2.3-rc1");
    kube.kubectlApply(yaml);

    List<String> table = lines(kube.kubectl("get", "dpd", "-n", NS));
    assertThat(table.get(0))
        .matches(
            "NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AVAILABLE\\s+UNAVAILABLE\\s+AGE\\s+VERSION");
    assertThat(table.get(1)).matches("switch-agent\\s+.*\\s+1\\.2\\.3-rc1");

    List<String> wide = lines(kube.kubectl("get", "dpd", "-n", NS, "-o", "wide"));
    assertThat(wide.get(0)).matches(".*\\s+VERSION\\s+ARTIFACT");
    assertThat(wide.get(1)).matches(".*\\s1\\.2\\.3-rc1\\s+" + Pattern.quote(url));
  }

  /** The description the chart's CRD gives a dotted field path (empty: the kind itself). */
  private static String description(String plural, String field) {
    JSONSchemaProps schema =
        chart
            .get(plural + "." + ApiGroup.GROUP)
            .getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema();
    for (String name : field.isEmpty() ? new String[0] : field.split("\\.")) {
      while (schema.getItems() != null) {
        schema = schema.getItems().getSchema();
      }
      schema = schema.getProperties().get(name);
    }
    return schema.getDescription();
  }

  /** Text with its line wrapping undone, as kubectl explain wraps descriptions. */
  private static String words(String text) {
    return String.join(" ", text.strip().split("\\s+"));
  }

  private static List<String> lines(String output) {
    return Arrays.stream(output.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
