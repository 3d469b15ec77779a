package io.rollwave.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueEntry;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ExecAction;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.HealthCheck;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent as its own OS process, SIGKILLed and started again: it adopts the processes it left
 * running instead of starting duplicates, and keeps supervising them.
 */
@ExtendWith(RealServers.class)
class AgentRestartIT {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final DeviceKey DEVICE = DeviceKey.parse("NetworkSwitch/agent-it/tor1-10");
  private static final List<String> NAMES = List.of("agent-restart-a", "agent-restart-b");

  private final List<Process> agents = new ArrayList<>();
  private final List<Long> children = new ArrayList<>();

  /** SIGTERM: a live agent stops its processes; then anything left is killed. */
  @AfterEach
  void cleanUp() throws Exception {
    for (Process agent : agents) {
      agent.destroy();
      if (!agent.waitFor(30, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
    }
    children.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  private Process startAgent(String natsUrl, Path stateDir, Path log) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AgentMain.class.getName(),
                "--device",
                DEVICE.toString(),
                "--state-dir",
                stateDir.toString(),
                "--nats",
                natsUrl,
                "--heartbeat-seconds",
                "1")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    agents.add(p);
    return p;
  }

  private static DesiredProcess desired(String dp, Path artifact, String sha) {
    return new DesiredProcess(
        DEVICE.namespace(),
        dp,
        "rev1",
        1,
        new DeviceProcessSpec(
            new DeviceRef(DEVICE.kind(), DEVICE.name(), null),
            new Artifact(ArtifactType.FILE, artifact.toString(), sha, "v1"),
            new Execution(
                Backend.EXEC, List.of("/bin/sh", "${ROLLWAVE_ARTIFACT}"), null, null, null, null),
            RestartPolicy.Always,
            new HealthCheck(
                new ExecAction(List.of("/bin/sh", "-c", "true")), null, null, 0, 1, 1, 1, 3)));
  }

  /** Waits until every process reports Running and Healthy, and returns their statuses. */
  private static Map<String, DeviceProcessStatus> awaitRunningAndHealthy(Connection nats) {
    Map<String, DeviceProcessStatus> statuses = new HashMap<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (String dp : NAMES) {
                DeviceProcessStatus s = status(nats, dp);
                assertThat(s).as(dp).isNotNull();
                assertThat(s.phase()).as(dp).isEqualTo(ProcessPhase.Running);
                assertThat(condition(s, "Healthy")).as(dp).isEqualTo(ConditionStatus.TRUE);
                statuses.put(dp, s);
              }
            });
    return statuses;
  }

  private static DeviceProcessStatus status(Connection nats, String dp) throws Exception {
    KeyValueEntry e = nats.keyValue(Buckets.STATUS).get(DEVICE.processKey(dp));
    return e == null || e.getValue() == null
        ? null
        : JSON.readValue(e.getValue(), ReportedStatus.class).status();
  }

  private static ConditionStatus condition(DeviceProcessStatus s, String type) {
    return s.conditions().stream()
        .filter(c -> c.type().equals(type))
        .map(Condition::status)
        .findFirst()
        .orElse(null);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void adoptsRunningProcessesAfterTheAgentIsKilled(NatsTestServer server) throws Exception {
    Path work = Files.createTempDirectory(RepoLayout.targetDir("agent-restart-it"), "run-");
    Path stateDir = work.resolve("state");
    Path marker = work.resolve("started");
    Path log = work.resolve("agent.log");
    String script =
        "#!/bin/sh\necho $$ >> '"
            + marker
            + "'\ntrap 'exit 0' TERM\nwhile true; do sleep 1; done\n";
    Path artifact = work.resolve("idle.sh");
    Files.writeString(artifact, script);
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));

    try (Connection nats = Nats.connect(server.url())) {
      Process first = startAgent(server.url(), stateDir, log);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> nats.keyValueManagement().getBucketNames().contains(Buckets.DESIRED));
      KeyValue desired = nats.keyValue(Buckets.DESIRED);
      for (String dp : NAMES) {
        desired.put(DEVICE.processKey(dp), JSON.writeValueAsBytes(desired(dp, artifact, sha)));
      }
      Map<String, DeviceProcessStatus> before = awaitRunningAndHealthy(nats);
      before.values().forEach(s -> children.add(s.pid()));

      first.destroyForcibly().waitFor();
      assertThat(first.exitValue()).as("agent SIGKILLed").isEqualTo(137);
      for (DeviceProcessStatus s : before.values()) {
        assertThat(alive(s.pid())).as("pid %d outlives its agent", s.pid()).isTrue();
      }
      // the dead agent's last report says Healthy too: delete it, so only the new agent's counts
      for (String dp : NAMES) {
        nats.keyValue(Buckets.STATUS).delete(DEVICE.processKey(dp));
      }

      startAgent(server.url(), stateDir, log);
      // statuses were deleted above, so Running and Healthy now come from the new agent's probes
      Map<String, DeviceProcessStatus> after = awaitRunningAndHealthy(nats);
      for (String dp : NAMES) {
        DeviceProcessStatus s = after.get(dp);
        assertThat(s.pid()).as(dp + " pid").isEqualTo(before.get(dp).pid());
        assertThat(s.restartCount()).as(dp + " restarts").isEqualTo(before.get(dp).restartCount());
        assertThat(s.startTime()).as(dp).isEqualTo(before.get(dp).startTime());
      }
      assertThat(Files.readAllLines(marker))
          .as("each process started once, none again by the second agent")
          .hasSize(NAMES.size());

      // the adopted process is still supervised: killed, it is detected and restarted per policy
      long killed = before.get(NAMES.get(0)).pid();
      ProcessHandle.of(killed).orElseThrow().destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(nats, NAMES.get(0));
                assertThat(s.restartCount()).isEqualTo(before.get(NAMES.get(0)).restartCount() + 1);
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(s.pid()).isNotNull().isNotEqualTo(killed);
                assertThat(s.lastTerminationReason()).contains("adopted");
                children.add(s.pid());
              });
    }
  }
}
