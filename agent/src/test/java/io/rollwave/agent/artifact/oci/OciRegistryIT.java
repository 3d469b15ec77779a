package io.rollwave.agent.artifact.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.agent.artifact.ArtifactException;
import io.rollwave.agent.artifact.ArtifactFetcher;
import io.rollwave.agent.artifact.ArtifactTrust;
import io.rollwave.agent.artifact.TestCa;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.testsupport.RepoLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's fetcher pulling artifacts from a real registry (TLS by a test CA, no auth). */
class OciRegistryIT {
  private static TestCa ca;
  private static RegistryServer registry;
  @TempDir Path state;

  @BeforeAll
  static void start() throws Exception {
    Path work = Files.createTempDirectory(RepoLayout.targetDir("oci-registry-it"), "run");
    ca = TestCa.create(work.resolve("ca"));
    registry = new RegistryServer(ca, work.resolve("registry"));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private ArtifactFetcher fetcher() throws Exception {
    return new ArtifactFetcher(state, false, ArtifactTrust.sslContext(List.of(ca.caPem())));
  }

  @Test
  void pullsTheLayerBlobByTagAndByDigestIntoTheCache() throws Exception {
    byte[] agent = "#!/bin/sh\necho switch-agent v1\n".getBytes(StandardCharsets.UTF_8);
    RegistryServer.Pushed pushed = registry.push("apollo/switch-agent", "v1", agent);
    String sha = pushed.layerSha256();

    Path byTag =
        fetcher()
            .fetch(
                new Artifact(
                    ArtifactType.OCI, registry.host() + "/apollo/switch-agent:v1", sha, null));

    assertThat(byTag).isEqualTo(state.resolve("artifacts/sha256/" + sha)).hasBinaryContent(agent);
    Files.delete(byTag);
    String byDigest =
        "https://" + registry.host() + "/apollo/switch-agent@" + pushed.manifestDigest();
    assertThat(fetcher().fetch(new Artifact(ArtifactType.OCI, byDigest, sha, null)))
        .hasBinaryContent(agent);
  }

  @Test
  void layerOtherThanTheChecksumIsNeitherDownloadedNorCached() throws Exception {
    String actual =
        registry
            .push("apollo/other", "v1", "v1 of other".getBytes(StandardCharsets.UTF_8))
            .layerSha256();
    String wrong = "2".repeat(64);

    assertThatThrownBy(
            () ->
                fetcher()
                    .fetch(
                        new Artifact(
                            ArtifactType.OCI, registry.host() + "/apollo/other:v1", wrong, null)))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("ChecksumMismatch");
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("sha256:" + actual).contains(wrong);
            });
    assertThat(state.resolve("artifacts/sha256")).isEmptyDirectory();
  }

  @Test
  void missingTagIsReportedAsManifestNotFound() throws Exception {
    assertThatThrownBy(
            () ->
                fetcher()
                    .fetch(
                        new Artifact(
                            ArtifactType.OCI,
                            registry.host() + "/apollo/switch-agent:nope",
                            "3".repeat(64),
                            null)))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("ManifestNotFound");
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("apollo/switch-agent:nope");
            });
  }
}
