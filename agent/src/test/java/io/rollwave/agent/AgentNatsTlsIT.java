package io.rollwave.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent process against a NATS with TLS: a broken CA file is one line at start and exit 2; a CA
 * that did not sign the server's certificate is one clear line, said once while it retries.
 */
@ExtendWith(RealServers.class)
class AgentNatsTlsIT {
  private final List<Process> agents = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Process agent : agents) {
      agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process agent(Path log, String... natsFlags) throws Exception {
    Path work = Files.createTempDirectory(RepoLayout.targetDir("agent-tls-it"), "run");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AgentMain.class.getName(),
                "--device",
                "NetworkSwitch/tls-it/tor1-01",
                "--state-dir",
                work.resolve("state").toString(),
                "--heartbeat-seconds",
                "1"));
    command.addAll(List.of(natsFlags));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    agents.add(p);
    return p;
  }

  @Test
  void aFileThatIsNoCertificateIsOneLineAtStart(NatsTestServer nats) throws Exception {
    Path dir = Files.createDirectories(RepoLayout.targetDir("agent-tls-it"));
    Path notPem = Files.writeString(dir.resolve("not-a-ca.pem"), "not a certificate\n");
    Path log = dir.resolve("bad-ca.log");
    Process p = agent(log, "--nats", nats.url(), "--nats-ca-file", notPem.toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines.get(0))
        .isEqualTo(
            "rollwave agent: --nats-ca-file "
                + notPem
                + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
    assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
  }

  @Test
  void aCaThatDidNotSignTheServerIsSaidOnceWhileTheAgentRetries(NatsTestServer nats)
      throws Exception {
    Path otherCa =
        TestCertificates.in(RepoLayout.targetDir("agent-tls-it").resolve("other-ca")).caFile();
    Path log = RepoLayout.targetDir("agent-tls-it").resolve("wrong-ca.log");
    Process p = agent(log, "--nats", nats.url(), "--nats-ca-file", otherCa.toString());
    String expected =
        "TLS with NATS at "
            + nats.url()
            + " failed: the server's certificate is not signed by the CA in --nats-ca-file "
            + otherCa;
    // a reconnect every second: wait for several refused handshakes after the first report
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count(log, "NATS unreachable") >= 1 && count(log, expected) >= 1);
    long handshakes = handshakeErrors(nats);
    await().atMost(Duration.ofSeconds(60)).until(() -> handshakeErrors(nats) >= handshakes + 3);
    assertThat(p.isAlive()).as("the agent keeps running, retrying").isTrue();
    assertThat(count(log, expected)).as("said once, not at every attempt").isEqualTo(1);
    assertThat(Files.readAllLines(log)).noneMatch(l -> l.startsWith("\tat "));
  }

  private static long count(Path log, String text) throws Exception {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains(text))
        .count();
  }

  private static long handshakeErrors(NatsTestServer nats) throws Exception {
    long n = 0;
    try (var files = Files.list(nats.logDir())) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().startsWith("nats-server-")).toList()) {
        if (f.toString().endsWith(".log")) {
          n +=
              Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                  .filter(l -> l.contains("TLS handshake error"))
                  .count();
        }
      }
    }
    return n;
  }
}
