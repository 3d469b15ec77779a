package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rollwave.api.process.DeviceProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionPatchTest {
  private static final Map<String, Object> SPEC = Map.of("restartPolicy", "Always");

  @Test
  void replacesTheWholeSpecAndAddsTheLabelAndTheAnnotationKey() {
    DeviceProcess dp = dp(Map.of("other", "kept"));

    assertThat(RevisionPatch.of(dp, SPEC, "rev2", "t"))
        .containsExactly(
            Map.of("op", "replace", "path", "/spec", "value", SPEC),
            Map.of("op", "add", "path", "/metadata/labels/rollwave.io~1revision", "value", "rev2"),
            Map.of(
                "op",
                "add",
                "path",
                "/metadata/annotations/rollwave.io~1revision-set-at",
                "value",
                "t"));
  }

  @Test
  void withoutAnnotationsItAddsTheMapOnlyIfTheObjectIsStillTheOneRead() {
    List<Map<String, Object>> ops = RevisionPatch.of(dp(Map.of()), SPEC, "rev2", "t");

    assertThat(ops.get(0))
        .isEqualTo(Map.of("op", "test", "path", "/metadata/resourceVersion", "value", "41"));
    assertThat(ops.get(ops.size() - 1))
        .isEqualTo(
            Map.of(
                "op",
                "add",
                "path",
                "/metadata/annotations",
                "value",
                Map.of("rollwave.io/revision-set-at", "t")));
  }

  private static DeviceProcess dp(Map<String, String> annotations) {
    DeviceProcess dp = new DeviceProcess();
    dp.setMetadata(
        new ObjectMetaBuilder()
            .withName("agent-tor-1")
            .withNamespace("ns")
            .withResourceVersion("41")
            .withLabels(Map.of("rollwave.io/revision", "rev1"))
            .withAnnotations(annotations)
            .build());
    return dp;
  }
}
