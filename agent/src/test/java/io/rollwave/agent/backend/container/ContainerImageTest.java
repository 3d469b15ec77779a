package io.rollwave.agent.backend.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerImageTest {
  private static final String SHA = "ab".repeat(32);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "127.0.0.1:5000/apollo/switch-agent:v1,   127.0.0.1:5000/apollo/switch-agent",
    "https://registry.example/apollo/agent,    registry.example/apollo/agent",
    "http://localhost:5000/agent:v2,           localhost:5000/agent",
    "busybox:1.36,                             docker.io/library/busybox",
    "apollo/switch-agent:v1,                   docker.io/apollo/switch-agent",
  })
  void theUrlPinnedByTheChecksum(String url, String repository) {
    assertThat(ContainerImage.reference(new Artifact(ArtifactType.OCI, url, SHA, null)))
        .isEqualTo(repository + "@sha256:" + SHA);
  }

  @Test
  void aDigestInTheUrlMustBeTheChecksum() {
    String url = "registry.example/agent@sha256:" + SHA;
    assertThat(
            ContainerImage.reference(new Artifact(ArtifactType.OCI, url, SHA.toUpperCase(), null)))
        .isEqualTo(url);
    assertThatThrownBy(
            () ->
                ContainerImage.reference(
                    new Artifact(ArtifactType.OCI, url, "cd".repeat(32), null)))
        .hasMessageContaining("pins sha256:" + SHA)
        .hasMessageContaining("manifest digest");
  }

  @Test
  void onlyOciArtifactsAreImages() {
    assertThatThrownBy(
            () ->
                ContainerImage.reference(
                    new Artifact(ArtifactType.HTTP, "https://x/agent.tar", SHA, null)))
        .hasMessage(
            "execution.backend container runs OCI images: artifact.type must be oci, not http");
  }
}
