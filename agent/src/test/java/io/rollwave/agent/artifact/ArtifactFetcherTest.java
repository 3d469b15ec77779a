package io.rollwave.agent.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.agent.artifact.oci.RegistryCredentials;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFetcherTest {
  @TempDir Path dir;

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private Path staged(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void verifiedFileLandsExecutableInTheContentAddressedCache() throws Exception {
    Path source = staged("agent-v1", "#!/bin/sh\necho v1\n");
    String sha = sha256(Files.readAllBytes(source));
    ArtifactFetcher fetcher = new ArtifactFetcher(dir.resolve("state"), false);

    Path cached = fetcher.fetch(new Artifact(ArtifactType.FILE, source.toString(), sha, null));

    assertThat(cached).isEqualTo(dir.resolve("state/artifacts/sha256/" + sha));
    assertThat(cached).hasSameBinaryContentAs(source);
    assertThat(Files.isExecutable(cached)).isTrue();
    assertThat(dir.resolve("state/artifacts/sha256")).isDirectoryNotContaining("glob:**.partial");
  }

  @Test
  void fileArtifactIsFetchedWithoutBuildingTheTlsContext() throws Exception {
    Path source = staged("agent-v1", "#!/bin/sh\necho v1\n");
    String sha = sha256(Files.readAllBytes(source));
    ArtifactFetcher fetcher =
        new ArtifactFetcher(
            dir.resolve("state"),
            false,
            () -> {
              throw new AssertionError("the TLS context was built for a file artifact");
            },
            RegistryCredentials.NONE);

    assertThat(fetcher.fetch(new Artifact(ArtifactType.FILE, source.toString(), sha, null)))
        .hasSameBinaryContentAs(source);
  }

  @Test
  void cachedFileIsReusedWithoutFetching() throws Exception {
    Path source = staged("agent-v1", "#!/bin/sh\necho v1\n");
    String sha = sha256(Files.readAllBytes(source));
    ArtifactFetcher fetcher = new ArtifactFetcher(dir.resolve("state"), false);
    Artifact artifact = new Artifact(ArtifactType.FILE, source.toString(), sha, null);
    fetcher.fetch(artifact);
    Files.delete(source);

    assertThat(fetcher.fetch(artifact)).exists();
  }

  @Test
  void corruptedCachedFileIsFetchedAgain() throws Exception {
    Path source = staged("agent-v1", "#!/bin/sh\necho v1\n");
    String sha = sha256(Files.readAllBytes(source));
    ArtifactFetcher fetcher = new ArtifactFetcher(dir.resolve("state"), false);
    Artifact artifact = new Artifact(ArtifactType.FILE, source.toString(), sha, null);
    Files.writeString(fetcher.fetch(artifact), "tampered");

    assertThat(fetcher.fetch(artifact)).hasSameBinaryContentAs(source);
  }

  @Test
  void checksumMismatchNamesBothDigestsAndCachesNothing() throws Exception {
    Path source = staged("agent-v1", "#!/bin/sh\necho v1\n");
    String actual = sha256(Files.readAllBytes(source));
    String wrong = "ab".repeat(32);
    ArtifactFetcher fetcher = new ArtifactFetcher(dir.resolve("state"), false);

    assertThatThrownBy(
            () -> fetcher.fetch(new Artifact(ArtifactType.FILE, source.toString(), wrong, null)))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("ChecksumMismatch");
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("expected " + wrong).contains("is " + actual);
            });
    assertThat(dir.resolve("state/artifacts/sha256")).isEmptyDirectory();
  }

  @Test
  void missingStagedFileIsARetryableDownloadFailure() throws Exception {
    ArtifactFetcher fetcher = new ArtifactFetcher(dir.resolve("state"), false);

    assertThatThrownBy(
            () ->
                fetcher.fetch(
                    new Artifact(
                        ArtifactType.FILE, dir.resolve("nope").toString(), "cd".repeat(32), null)))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("DownloadFailed");
              assertThat(e.retryable()).isTrue();
            });
    assertThat(dir.resolve("state/artifacts/sha256")).isEmptyDirectory();
  }

  @Test
  void plainHttpIsRefusedForUrlsAndRegistriesUnlessAllowed() throws Exception {
    ArtifactFetcher fetcher = new ArtifactFetcher(dir.resolve("state"), false);
    String sha = "ef".repeat(32);

    assertThatThrownBy(
            () ->
                fetcher.fetch(
                    new Artifact(ArtifactType.HTTP, "http://127.0.0.1:1/agent", sha, null)))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("InsecureArtifactURL");
              assertThat(e.getMessage()).contains("--allow-insecure-http");
            });
    assertThatThrownBy(
            () ->
                fetcher.fetch(
                    new Artifact(
                        ArtifactType.OCI, "http://127.0.0.1:1/apollo/agent:v1", sha, null)))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("InsecureArtifactURL");
              assertThat(e.getMessage()).contains("serve the registry over https");
            });
  }

  @Test
  void checksumThatIsNotSha256HexIsRefusedBeforeTouchingTheCache() throws Exception {
    Path source = staged("agent-v1", "x");
    ArtifactFetcher fetcher = new ArtifactFetcher(dir.resolve("state"), false);

    assertThatThrownBy(
            () ->
                fetcher.fetch(
                    new Artifact(ArtifactType.FILE, source.toString(), "../../escape", null)))
        .isInstanceOfSatisfying(
            ArtifactException.class, e -> assertThat(e.reason()).isEqualTo("InvalidChecksum"));
  }
}
