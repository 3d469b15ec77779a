package io.rollwave.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's CRDs are exactly what the model generates. Run with {@code
 * -Drollwave.crds.update=true} (scripts/sync-crds.sh) to rewrite them after changing the model.
 */
class ChartCrdsTest {
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  private static final Path CHART = Path.of("../charts/rollwave/crds");

  private static Map<String, CustomResourceDefinition> expected;

  @BeforeAll
  static void generate() {
    expected = CrdManifests.expected(GENERATED);
    if (Boolean.getBoolean("rollwave.crds.update")) {
      CrdManifests.write(CHART, expected);
    }
  }

  @Test
  void chartHoldsExactlyTheGeneratedCrds() {
    assertThat(expected).as("CRDs generated from the model").hasSize(8);
    assertThat(CrdManifests.inChart(CHART))
        .as("charts/rollwave/crds differs from the model: run scripts/sync-crds.sh")
        .isEqualTo(expected);
  }

  @Test
  void deviceProcessColumnsFollowTheSeed() {
    assertThat(columns("deviceprocesses.azure.com", 0))
        .containsExactly("DEVICE", "PHASE", "VERSION", "RESTARTS", "AGE");
    assertThat(columns("deviceprocesses.azure.com", 1))
        .as("the deployment's VERSION and ARTIFACT columns stay off DeviceProcess")
        .containsExactly("REVISION");
  }

  @Test
  void deploymentColumnsFollowTheSeedThenShowTheVersionBeingRolledOut() {
    assertThat(columns("deviceprocessdeployments.azure.com", 0))
        .containsExactly(
            "DESIRED", "CURRENT", "READY", "AVAILABLE", "UNAVAILABLE", "AGE", "VERSION");
    assertThat(columns("deviceprocessdeployments.azure.com", 1))
        .containsExactly("UP-TO-DATE", "PHASE", "ARTIFACT");
    assertThat(jsonPath("deviceprocessdeployments.azure.com", "VERSION"))
        .isEqualTo(".spec.template.spec.artifact.version");
    assertThat(jsonPath("deviceprocessdeployments.azure.com", "ARTIFACT"))
        .isEqualTo(".spec.template.spec.artifact.url");
  }

  @Test
  void everyResourceWithStatusHasTheStatusSubresource() {
    for (CustomResourceDefinition crd : expected.values()) {
      assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus())
          .as("status subresource of %s", crd.getMetadata().getName())
          .isNotNull();
    }
  }

  private static String jsonPath(String crd, String column) {
    return expected.get(crd).getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
        .filter(c -> c.getName().equals(column))
        .map(CustomResourceColumnDefinition::getJsonPath)
        .findFirst()
        .orElseThrow();
  }

  private static java.util.List<String> columns(String crd, int priority) {
    return expected.get(crd).getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
        .filter(c -> c.getPriority() == priority)
        .map(CustomResourceColumnDefinition::getName)
        .toList();
  }
}
