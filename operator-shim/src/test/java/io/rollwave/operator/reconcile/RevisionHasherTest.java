package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.DeviceProcessTemplate;
import io.rollwave.api.deployment.TemplateMetadata;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.ProcessTemplateSpec;
import io.rollwave.api.process.RestartPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionHasherTest {
  private static DeviceProcessTemplate template(String version, Map<String, String> labels) {
    return new DeviceProcessTemplate(
        new TemplateMetadata(labels, null),
        new ProcessTemplateSpec(
            new Artifact(ArtifactType.HTTP, "https://a/" + version, "a".repeat(64), version),
            new Execution(Backend.EXEC, List.of("/bin/agent"), null, null, null, null, null),
            RestartPolicy.Always,
            null));
  }

  @Test
  void sameTemplateSameRevisionWhateverTheMapOrder() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    assertThat(RevisionHasher.hash(template("v1", ab)))
        .isEqualTo(RevisionHasher.hash(template("v1", ba)));
    assertThat(RevisionHasher.hash(template("v1", ab))).hasSize(10).matches("[0-9a-f]{10}");
  }

  @Test
  void anyChangeGivesAnotherRevision() {
    assertThat(RevisionHasher.hash(template("v1", Map.of())))
        .isNotEqualTo(RevisionHasher.hash(template("v2", Map.of())));
  }
}
