package io.rollwave.agent;

import static io.rollwave.agent.DeviceProcessFixtures.alive;
import static io.rollwave.agent.DeviceProcessFixtures.condition;
import static io.rollwave.agent.DeviceProcessFixtures.desired;
import static io.rollwave.agent.DeviceProcessFixtures.findCondition;
import static io.rollwave.agent.DeviceProcessFixtures.keyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.rollwave.agent.artifact.ArtifactServer;
import io.rollwave.agent.artifact.TestCa;
import io.rollwave.agent.backend.BackendSettings;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.tls.NatsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent on real NATS fetching artifacts over HTTPS from a local server whose certificate is
 * signed by a CA generated for the test, trusted only through {@code --ca-file}.
 */
@ExtendWith(RealServers.class)
class ArtifactHttpsIT {
  private static final Pattern RETRY = Pattern.compile("attempt (\\d+), retrying in (\\d+) ms");
  private static Connection nats;
  private static Path work;
  private static TestCa ca;
  private static ArtifactServer server;

  private static NatsEndpoint endpoint;

  @BeforeAll
  static void start(NatsTestServer natsServer) throws Exception {
    endpoint = natsServer.endpoint();
    work = RepoLayout.targetDir("artifact-https-it");
    ca = TestCa.create(Files.createTempDirectory(work, "ca"));
    server = new ArtifactServer(ca);
    nats = natsServer.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    nats.close();
    server.close();
  }

  private Agent agent(DeviceKey device, List<Path> caFiles) throws Exception {
    return new Agent(
            new AgentConfig(
                device,
                endpoint,
                Files.createTempDirectory(work, device.name()),
                1,
                false,
                AgentConfig.DEFAULT_INITD_ROOT,
                caFiles,
                java.util.Optional.empty(),
                BackendSettings.DEFAULT_SYSTEMD_ROOT,
                BackendSettings.DEFAULT_SYSTEMCTL,
                java.util.Optional.empty(),
                java.util.Optional.empty()))
        .start();
  }

  private static void publish(DeviceKey device, String dp, String url, String sha)
      throws Exception {
    nats.keyValue(Buckets.DESIRED)
        .put(
            keyOf(device, dp),
            DeviceProcessFixtures.JSON.writeValueAsBytes(
                desired(
                    device,
                    dp,
                    "rev1",
                    new Artifact(ArtifactType.HTTP, url, sha, "v1"),
                    Backend.EXEC)));
  }

  private static DeviceProcessStatus status(DeviceKey device, String dp) throws Exception {
    return DeviceProcessFixtures.status(nats, device, dp);
  }

  @Test
  void runsAnArtifactFromAServerSignedByTheCaGivenWithCaFile() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/https-it/tls-01");
    Path marker = work.resolve("tls-01.ran");
    String sha = server.serve("/good/v1", DeviceProcessFixtures.idleScript("good", marker));
    try (Agent agent = agent(device, List.of(ca.caPem()))) {
      publish(device, "agent-tls-01", server.url("/good/v1"), sha);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tls-01");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(condition(s, "ArtifactDownloaded").message()).contains(sha);
                assertThat(alive(s.pid())).isTrue();
              });
      await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(marker));
      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, "agent-tls-01"));
    }
  }

  @Test
  void checksumMismatchOverHttpsNeverRunsAndSaysWhy() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/https-it/tls-02");
    Path marker = work.resolve("tls-02.ran");
    String actual = server.serve("/bad/v1", DeviceProcessFixtures.idleScript("bad", marker));
    String wrong = "1".repeat(64);
    try (Agent agent = agent(device, List.of(ca.caPem()))) {
      publish(device, "agent-tls-02", server.url("/bad/v1"), wrong);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tls-02");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Failed);
                Condition c = condition(s, "ArtifactDownloaded");
                assertThat(c.status()).isEqualTo(ConditionStatus.FALSE);
                assertThat(c.reason()).isEqualTo("ChecksumMismatch");
                assertThat(c.message()).contains(wrong).contains(actual).contains("was not run");
                assertThat(s.pid()).isNull();
              });
      assertThat(marker).as("the mismatching artifact never ran").doesNotExist();
    }
  }

  @Test
  void plainHttpIsRefusedBeforeAnyRequest() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/https-it/tls-03");
    String sha = server.serve("/plain/v1", new byte[] {1, 2, 3});
    String plain = server.url("/plain/v1").replaceFirst("^https:", "http:");
    try (Agent agent = agent(device, List.of(ca.caPem()))) {
      publish(device, "agent-tls-03", plain, sha);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tls-03");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Failed);
                Condition c = condition(s, "ArtifactDownloaded");
                assertThat(c.reason()).isEqualTo("InsecureArtifactURL");
                assertThat(c.message()).contains(plain).contains("--allow-insecure-http");
              });
    }
    assertThat(server.requests())
        .as("nothing was asked of the server")
        .noneMatch(r -> r.path().equals("/plain/v1"));
  }

  @Test
  void untrustedCertificateWithoutCaFileFailsWithATlsReason() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/https-it/tls-04");
    Path marker = work.resolve("tls-04.ran");
    String sha = server.serve("/untrusted/v1", DeviceProcessFixtures.idleScript("u", marker));
    try (Agent agent = agent(device, List.of())) {
      publish(device, "agent-tls-04", server.url("/untrusted/v1"), sha);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tls-04");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Pending);
                Condition c = condition(s, "ArtifactDownloaded");
                assertThat(c.status()).isEqualTo(ConditionStatus.FALSE);
                assertThat(c.reason()).isEqualTo("TLSHandshakeFailed");
                assertThat(c.message())
                    .contains(server.url("/untrusted/v1"))
                    .contains("certification path")
                    .contains("--ca-file");
              });
      assertThat(marker).doesNotExist();
      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, "agent-tls-04"));
    }
  }

  @Test
  void serverDownThenBackIsRetriedWithGrowingBackoffThenRuns() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/https-it/tls-05");
    Path marker = work.resolve("tls-05.ran");
    String sha = server.serve("/later/v1", DeviceProcessFixtures.idleScript("later", marker));
    List<DeviceProcessStatus> seen = new CopyOnWriteArrayList<>();
    nats.keyValue(Buckets.STATUS)
        .watch(keyOf(device, "agent-tls-05"), collect(seen), KeyValueWatchOption.UPDATES_ONLY);
    server.stop();
    try (Agent agent = agent(device, List.of(ca.caPem()))) {
      publish(device, "agent-tls-05", server.url("/later/v1"), sha);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(retryDelays(seen)).hasSizeGreaterThanOrEqualTo(3));
      assertThat(status(device, "agent-tls-05").phase()).isEqualTo(ProcessPhase.Pending);
      server.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tls-05");
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(condition(s, "ArtifactDownloaded").status())
                    .isEqualTo(ConditionStatus.TRUE);
                assertThat(alive(s.pid())).isTrue();
              });
      List<Long> delays = retryDelays(seen);
      assertThat(delays.subList(0, 3))
          .as("exponential back-off: ~1 s, ~2 s, ~4 s with ±20 %% jitter")
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(delays.get(0)).isBetween(800L, 1200L);
      assertThat(delays.get(2)).isBetween(3200L, 4800L);
      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, "agent-tls-05"));
    }
  }

  /** The retry delay each DownloadFailed status announced, by attempt, in order. */
  private static List<Long> retryDelays(List<DeviceProcessStatus> seen) {
    List<Long> delays = new java.util.ArrayList<>();
    for (DeviceProcessStatus s : seen) {
      Condition c = findCondition(s, "ArtifactDownloaded").orElse(null);
      if (c == null || !"DownloadFailed".equals(c.reason())) {
        continue;
      }
      Matcher m = RETRY.matcher(c.message());
      if (m.find() && Integer.parseInt(m.group(1)) == delays.size() + 1) {
        delays.add(Long.parseLong(m.group(2)));
      }
    }
    return delays;
  }

  private static KeyValueWatcher collect(List<DeviceProcessStatus> into) {
    return new KeyValueWatcher() {
      @Override
      public void watch(KeyValueEntry entry) {
        if (entry.getValue() == null || entry.getValue().length == 0) {
          return;
        }
        try {
          into.add(
              DeviceProcessFixtures.JSON
                  .readValue(entry.getValue(), ReportedStatus.class)
                  .status());
        } catch (java.io.IOException e) {
          throw new IllegalStateException("unreadable status " + entry.getKey(), e);
        }
      }

      @Override
      public void endOfData() {}
    };
  }
}
