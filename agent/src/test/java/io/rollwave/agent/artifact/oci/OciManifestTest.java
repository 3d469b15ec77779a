package io.rollwave.agent.artifact.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.agent.artifact.ArtifactException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OciManifestTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  private static OciManifest manifest(String... layerHexes) throws ArtifactException {
    StringBuilder layers = new StringBuilder();
    for (String hex : layerHexes) {
      layers.append(layers.length() == 0 ? "" : ",");
      layers
          .append("{\"mediaType\":\"application/octet-stream\",\"digest\":\"sha256:")
          .append(hex)
          .append("\",\"size\":3}");
    }
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"digest\":\"sha256:"
            + "c".repeat(64)
            + "\",\"size\":2},\"layers\":["
            + layers
            + "]}";
    return OciManifest.parse(json.getBytes(StandardCharsets.UTF_8), "", "reg/x:v1");
  }

  @Test
  void picksTheLayerWhoseDigestIsTheChecksumElseRefuses() throws Exception {
    assertThat(manifest(A, B).artifactLayer(B, "reg/x:v1").digest()).isEqualTo("sha256:" + B);
    assertThat(manifest(A).artifactLayer(A, "reg/x:v1").size()).isEqualTo(3);
    assertThatThrownBy(() -> manifest(A).artifactLayer(B, "reg/x:v1"))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("ChecksumMismatch");
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("sha256:" + A).contains("expected sha256:" + B);
            });
    assertThatThrownBy(() -> manifest(A, B).artifactLayer("d".repeat(64), "reg/x:v1"))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> assertThat(e.reason()).isEqualTo("ArtifactLayerNotFound"));
  }

  @Test
  void indexIsRefusedNamingWhatToUse() {
    byte[] index =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> OciManifest.parse(index, "", "reg/x:v1"))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("UnsupportedManifest");
              assertThat(e.getMessage()).contains("@sha256:");
            });
  }
}
