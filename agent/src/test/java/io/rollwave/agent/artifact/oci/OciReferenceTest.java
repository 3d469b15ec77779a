package io.rollwave.agent.artifact.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OciReferenceTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ghcr.io/apollo/switch-agent:v1.2.3, false, ghcr.io, apollo/switch-agent, v1.2.3",
    "127.0.0.1:5000/rw/agent, false, 127.0.0.1:5000, rw/agent, latest",
    "http://localhost:5000/rw/agent:v2, true, localhost:5000, rw/agent, v2",
    "https://reg.example/a/b/c@sha256:"
        + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12"
        + ", false, reg.example, a/b/c, sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12",
    "busybox:1.36, false, registry-1.docker.io, library/busybox, 1.36",
    "apollo/agent, false, registry-1.docker.io, apollo/agent, latest",
  })
  void parsesRegistryRepositoryAndReference(
      String url, boolean plain, String registry, String repository, String reference) {
    assertThat(OciReference.parse(url))
        .isEqualTo(new OciReference(plain, registry, repository, reference));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ghcr.io/Apollo/agent:v1, is no repository name",
    "ghcr.io/apollo/agent@sha256:xyz, a digest reference must be sha256:",
    "ghcr.io/apollo/agent:-bad, is no tag",
  })
  void refusesMalformedUrls(String url, String message) {
    assertThatThrownBy(() -> OciReference.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void buildsRegistryApiUris() {
    OciReference ref = OciReference.parse("127.0.0.1:5000/rw/agent:v1");
    assertThat(ref.manifestUri()).hasToString("https://127.0.0.1:5000/v2/rw/agent/manifests/v1");
    assertThat(ref.blobUri("sha256:00"))
        .hasToString("https://127.0.0.1:5000/v2/rw/agent/blobs/sha256:00");
  }
}
