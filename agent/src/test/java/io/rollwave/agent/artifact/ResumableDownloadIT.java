package io.rollwave.agent.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.testsupport.RepoLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads cut short by a local HTTPS server are resumed with {@code Range} by the next attempt,
 * even from a new fetcher on the same state dir (an agent restart).
 */
class ResumableDownloadIT {
  private static TestCa ca;
  private static ArtifactServer server;
  @TempDir Path state;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCa.create(Files.createTempDirectory(RepoLayout.targetDir("resume-it"), "ca"));
    server = new ArtifactServer(ca);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private ArtifactFetcher fetcher() throws Exception {
    return new ArtifactFetcher(state, false, ArtifactTrust.sslContext(List.of(ca.caPem())));
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private Path partialOf(String sha) {
    return state.resolve("artifacts/sha256/" + sha + ".partial");
  }

  private List<ArtifactServer.Request> requestsFor(String path) {
    return server.requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  /** The first fetch breaks off after {@code cut} bytes; returns how many the partial file kept. */
  private long cutFirstAttempt(Artifact artifact, String path, int cut, int size) throws Exception {
    server.cutNextResponse(path, cut);
    assertThatThrownBy(() -> fetcher().fetch(artifact))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("DownloadFailed");
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("resumes");
            });
    long kept = Files.size(partialOf(artifact.checksumSHA256()));
    assertThat(kept).as("bytes kept from the cut response").isPositive().isLessThan(size);
    return kept;
  }

  @Test
  void truncatedDownloadResumesWithRangeAfterAnAgentRestart() throws Exception {
    byte[] body = randomBytes(512 * 1024, 1);
    String sha = server.serve("/resume/a", body);
    Artifact artifact = new Artifact(ArtifactType.HTTP, server.url("/resume/a"), sha, null);
    long kept = cutFirstAttempt(artifact, "/resume/a", 200 * 1024, body.length);

    Path cached = fetcher().fetch(artifact); // a new fetcher: as after an agent restart

    assertThat(requestsFor("/resume/a"))
        .extracting(ArtifactServer.Request::range)
        .containsExactly(Optional.empty(), Optional.of("bytes=" + kept + "-"));
    assertThat(Sha256.of(cached)).contains(sha);
    assertThat(cached).hasBinaryContent(body);
    assertThat(partialOf(sha)).doesNotExist();
  }

  @Test
  void serverIgnoringRangeIsDownloadedAgainFromZero() throws Exception {
    byte[] body = randomBytes(300 * 1024, 2);
    String sha = server.serve("/resume/b", body);
    Artifact artifact = new Artifact(ArtifactType.HTTP, server.url("/resume/b"), sha, null);
    long kept = cutFirstAttempt(artifact, "/resume/b", 100 * 1024, body.length);
    server.ignoreRange(true);
    try {
      Path cached = fetcher().fetch(artifact);

      assertThat(requestsFor("/resume/b").get(1).range()).contains("bytes=" + kept + "-");
      assertThat(cached).hasBinaryContent(body);
    } finally {
      server.ignoreRange(false);
    }
  }

  @Test
  void stalePrefixFromAnOlderFileIsDroppedAndTheFileFetchedWhole() throws Exception {
    byte[] body = randomBytes(64 * 1024, 3);
    String sha = server.serve("/resume/c", body);
    Files.createDirectories(partialOf(sha).getParent());
    Files.write(partialOf(sha), randomBytes(10 * 1024, 99)); // left by another version of the file
    Artifact artifact = new Artifact(ArtifactType.HTTP, server.url("/resume/c"), sha, null);

    Path cached = fetcher().fetch(artifact);

    assertThat(requestsFor("/resume/c"))
        .extracting(ArtifactServer.Request::range)
        .containsExactly(Optional.of("bytes=10240-"), Optional.empty());
    assertThat(cached).hasBinaryContent(body);
  }
}
