package io.rollwave.agent;

import static io.rollwave.agent.DeviceProcessFixtures.alive;
import static io.rollwave.agent.DeviceProcessFixtures.keyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NATS goes away for a minute while a process crashes and is restarted: the agent keeps running the
 * last known spec, and once NATS is back (same port, same JetStream store) the status shows the
 * crash in restartCount and the process Running again.
 */
@ExtendWith(RealServers.class)
class AgentNatsOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  @Test
  void crashDuringANatsOutageIsReportedOnceNatsIsBack(NatsTestServer server) throws Exception {
    Path work = Files.createTempDirectory(RepoLayout.targetDir("agent-outage-it"), "run");
    Path marker = work.resolve("pids");
    byte[] script = DeviceProcessFixtures.idleScript("outage", marker);
    Path staged = Files.write(work.resolve("agent.sh"), script);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script));
    DeviceKey device = DeviceKey.parse("NetworkSwitch/outage-it/tor9-01");
    String dp = "agent-tor9-01";
    try (Connection nats =
            Nats.connect(
                server.options().maxReconnects(-1).reconnectWait(Duration.ofMillis(500)).build());
        Agent agent =
            new Agent(new AgentConfig(device, server.endpoint(), work.resolve("state"), 1, false))
                .start()) {
      nats.keyValue(Buckets.DESIRED)
          .put(
              keyOf(device, dp),
              DeviceProcessFixtures.JSON.writeValueAsBytes(
                  DeviceProcessFixtures.desired(
                      device,
                      dp,
                      "rev1",
                      new Artifact(ArtifactType.FILE, staged.toString(), sha, "v1"),
                      Backend.EXEC)));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = DeviceProcessFixtures.status(nats, device, dp);
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(s.restartCount()).isZero();
                assertThat(alive(s.pid())).isTrue();
              });
      long first = DeviceProcessFixtures.status(nats, device, dp).pid();

      server.stop();
      Instant down = Instant.now();
      ProcessHandle.of(first).orElseThrow().destroyForcibly(); // SIGKILL
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(pids(marker)).as("restarted without NATS").hasSize(2));
      long second = pids(marker).get(1);
      assertThat(alive(second)).isTrue();
      // the scenario is a one-minute outage: keep NATS down for the rest of it
      Duration left = OUTAGE.minus(Duration.between(down, Instant.now()));
      if (!left.isNegative()) {
        Thread.sleep(left.toMillis());
      }
      server.resume();

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = DeviceProcessFixtures.status(nats, device, dp);
                assertThat(s.restartCount()).isGreaterThanOrEqualTo(1);
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(s.pid()).isEqualTo(second);
                assertThat(s.lastTerminationReason()).contains("signal 9");
              });
      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, dp));
      await().atMost(Duration.ofSeconds(30)).until(() -> !alive(second));
    } finally {
      server.resume();
    }
  }

  private static List<Long> pids(Path marker) throws Exception {
    return Files.exists(marker)
        ? Files.readAllLines(marker).stream().map(String::strip).map(Long::parseLong).toList()
        : List.of();
  }
}
