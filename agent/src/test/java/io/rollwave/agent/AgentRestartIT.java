package io.rollwave.agent;

import static io.rollwave.agent.DeviceProcessFixtures.keyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.rollwave.agent.backend.PolledProcess;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.ProcessId;
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
import java.util.Optional;
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

  private Process startAgent(DeviceKey device, NatsTestServer natsServer, Path stateDir, Path log)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AgentMain.class.getName(),
                "--device",
                device.toString(),
                "--state-dir",
                stateDir.toString(),
                "--heartbeat-seconds",
                "1"));
    command.addAll(natsServer.clientFlags());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    agents.add(p);
    return p;
  }

  private static DesiredProcess desired(
      DeviceKey device, String dp, Path artifact, String sha, RestartPolicy policy) {
    return new DesiredProcess(
        device.namespace(),
        dp,
        "rev1",
        1,
        new DeviceProcessSpec(
            new DeviceRef(device.kind(), device.name(), null),
            new Artifact(ArtifactType.FILE, artifact.toString(), sha, "v1"),
            new Execution(
                Backend.EXEC,
                List.of("/bin/sh", "${ROLLWAVE_ARTIFACT}"),
                null,
                null,
                null,
                null,
                null),
            policy,
            new HealthCheck(
                new ExecAction(List.of("/bin/sh", "-c", "true")), null, null, 0, 1, 1, 1, 3)));
  }

  /** Waits until every process reports Running and Healthy, and returns their statuses. */
  private static Map<String, DeviceProcessStatus> awaitRunningAndHealthy(
      Connection nats, DeviceKey device) {
    return awaitRunningAndHealthy(nats, device, NAMES);
  }

  private static Map<String, DeviceProcessStatus> awaitRunningAndHealthy(
      Connection nats, DeviceKey device, List<String> names) {
    Map<String, DeviceProcessStatus> statuses = new HashMap<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (String dp : names) {
                DeviceProcessStatus s = status(nats, device, dp);
                assertThat(s).as(dp).isNotNull();
                assertThat(s.phase()).as(dp).isEqualTo(ProcessPhase.Running);
                assertThat(condition(s, "Healthy")).as(dp).isEqualTo(ConditionStatus.TRUE);
                statuses.put(dp, s);
              }
            });
    return statuses;
  }

  private static DeviceProcessStatus status(Connection nats, DeviceKey device, String dp)
      throws Exception {
    KeyValueEntry e = nats.keyValue(Buckets.STATUS).get(keyOf(device, dp));
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

  /** SIGKILLs a process and waits until it has ended; returns its pid. */
  private static long killAndAwaitEnd(long pid) {
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(10)).until(() -> !alive(pid));
    return pid;
  }

  /** Alive and not a zombie: a SIGKILLed agent's children may be left unreaped. */
  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(PolledProcess::alive).orElse(false);
  }

  /**
   * The pids running {@code dp}'s script under this run's state dir, read from /proc as a user
   * would with ps: its command line is {@code /bin/sh <state dir>/artifacts/...} and its
   * environment names the DeviceProcess (a zombie has no command line and is not counted).
   */
  private static List<Long> instances(Run run, String dp) throws Exception {
    List<Long> pids = new ArrayList<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        try {
          List<String> argv =
              List.of(
                  new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                      .split("\0"));
          String environ =
              new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.UTF_8);
          if (argv.size() == 2
              && argv.get(0).equals("/bin/sh")
              && argv.get(1).startsWith(run.stateDir().toString())
              && List.of(environ.split("\0")).contains("ROLLWAVE_DEVICE_PROCESS=" + dp)) {
            pids.add(Long.parseLong(dir.getFileName().toString()));
          }
        } catch (java.io.IOException e) {
          // ended meanwhile, or another user's
        }
      }
    }
    return pids;
  }

  /** Deletes a directory tree, as an operator or a wiped disk would. */
  private static void deleteTree(Path dir) throws Exception {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One test's files: the agent's state dir and log, and the idle script both processes run. */
  private record Run(Path stateDir, Path log, Path marker, Path artifact, String sha) {
    static Run create() throws Exception {
      Path work = Files.createTempDirectory(RepoLayout.targetDir("agent-restart-it"), "run-");
      Path marker = work.resolve("started");
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
      return new Run(work.resolve("state"), work.resolve("agent.log"), marker, artifact, sha);
    }

    /** The state file of {@code dp}, of the agent-it namespace as every device here. */
    Path stateFile(String dp) {
      return stateDir
          .resolve("processes")
          .resolve(new ProcessId("agent-it", dp).localName() + ".json");
    }
  }

  /**
   * Starts an agent, publishes both processes, waits until they run and are healthy, SIGKILLs the
   * agent and deletes its last statuses (so what is read afterwards comes from the next agent).
   * Returns the statuses before the kill.
   */
  private Map<String, DeviceProcessStatus> runThenKillAgent(
      Connection nats, NatsTestServer natsServer, DeviceKey device, Run run, RestartPolicy policy)
      throws Exception {
    return runThenKillAgent(nats, natsServer, device, run, policy, Optional.empty());
  }

  /**
   * As above; {@code crashFirst} is SIGKILLed while the first agent runs, which restarts it, so its
   * saved restart count is 1 when the agent is killed.
   */
  private Map<String, DeviceProcessStatus> runThenKillAgent(
      Connection nats,
      NatsTestServer natsServer,
      DeviceKey device,
      Run run,
      RestartPolicy policy,
      Optional<String> crashFirst)
      throws Exception {
    Process first = startAgent(device, natsServer, run.stateDir(), run.log());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> nats.keyValueManagement().getBucketNames().contains(Buckets.DESIRED));
    KeyValue desired = nats.keyValue(Buckets.DESIRED);
    for (String dp : NAMES) {
      desired.put(
          keyOf(device, dp),
          JSON.writeValueAsBytes(desired(device, dp, run.artifact(), run.sha(), policy)));
    }
    Map<String, DeviceProcessStatus> before = awaitRunningAndHealthy(nats, device);
    if (crashFirst.isPresent()) {
      String dp = crashFirst.get();
      long crashed = before.get(dp).pid();
      ProcessHandle.of(crashed).orElseThrow().destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(nats, device, dp);
                assertThat(s.restartCount()).as(dp + " restarted once").isEqualTo(1);
                assertThat(s.pid()).isNotNull().isNotEqualTo(crashed);
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
              });
      before = awaitRunningAndHealthy(nats, device);
    }
    before.values().forEach(s -> children.add(s.pid()));

    first.destroyForcibly().waitFor();
    assertThat(first.exitValue()).as("agent SIGKILLed").isEqualTo(137);
    for (DeviceProcessStatus s : before.values()) {
      assertThat(alive(s.pid())).as("pid %d outlives its agent", s.pid()).isTrue();
    }
    for (String dp : NAMES) {
      nats.keyValue(Buckets.STATUS).delete(keyOf(device, dp));
    }
    return before;
  }

  @Test
  void adoptsRunningProcessesAfterTheAgentIsKilled(NatsTestServer server) throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-10");
    Run run = Run.create();
    try (Connection nats = server.connect()) {
      Map<String, DeviceProcessStatus> before =
          runThenKillAgent(nats, server, device, run, RestartPolicy.Always);

      startAgent(device, server, run.stateDir(), run.log());
      // statuses were deleted, so Running and Healthy now come from the new agent's probes
      Map<String, DeviceProcessStatus> after = awaitRunningAndHealthy(nats, device);
      for (String dp : NAMES) {
        DeviceProcessStatus s = after.get(dp);
        assertThat(s.pid()).as(dp + " pid").isEqualTo(before.get(dp).pid());
        assertThat(s.restartCount()).as(dp + " restarts").isEqualTo(before.get(dp).restartCount());
        assertThat(s.startTime()).as(dp).isEqualTo(before.get(dp).startTime());
      }
      assertThat(Files.readAllLines(run.marker()))
          .as("each process started once, none again by the second agent")
          .hasSize(NAMES.size());

      // the adopted process is still supervised: killed, it is detected and restarted per policy
      long killed = before.get(NAMES.get(0)).pid();
      ProcessHandle.of(killed).orElseThrow().destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(nats, device, NAMES.get(0));
                assertThat(s.restartCount()).isEqualTo(before.get(NAMES.get(0)).restartCount() + 1);
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(s.pid()).isNotNull().isNotEqualTo(killed);
                assertThat(s.lastTerminationReason()).contains("adopted");
                children.add(s.pid());
              });
    }
  }

  @Test
  void stopsProcessWhoseDesiredEntryWasDeletedWhileTheAgentWasDown(NatsTestServer server)
      throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-11");
    Run run = Run.create();
    String deleted = NAMES.get(0);
    String kept = NAMES.get(1);
    try (Connection nats = server.connect()) {
      Map<String, DeviceProcessStatus> before =
          runThenKillAgent(nats, server, device, run, RestartPolicy.Always);
      assertThat(run.stateFile(deleted)).as("state of " + deleted + " before").exists();
      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, deleted));
      // the dead agent's status for it, as the operator would still see it
      nats.keyValue(Buckets.STATUS)
          .put(
              keyOf(device, deleted),
              JSON.writeValueAsBytes(
                  new ReportedStatus(device.namespace(), deleted, 1, before.get(deleted))));

      startAgent(device, server, run.stateDir(), run.log());
      long orphan = before.get(deleted).pid();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(alive(orphan)).as("pid %d of the deleted %s", orphan, deleted).isFalse();
                assertThat(run.stateFile(deleted)).as("state file of " + deleted).doesNotExist();
                assertThat(status(nats, device, deleted)).as("status of " + deleted).isNull();
              });
      Map<String, DeviceProcessStatus> after = awaitRunningAndHealthy(nats, device, List.of(kept));
      assertThat(after.get(kept).pid())
          .as(kept + " is adopted, not stopped with the deleted one")
          .isEqualTo(before.get(kept).pid());
      assertThat(Files.readAllLines(run.marker()))
          .as("nothing started again")
          .hasSize(NAMES.size());
    }
  }

  @Test
  void restartsProcessThatDiedWhileTheAgentWasDownCountingTheRestart(NatsTestServer server)
      throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-12");
    Run run = Run.create();
    String died = NAMES.get(0);
    try (Connection nats = server.connect()) {
      Map<String, DeviceProcessStatus> before =
          runThenKillAgent(nats, server, device, run, RestartPolicy.OnFailure, Optional.of(died));
      assertThat(before.get(died).restartCount()).as("saved restart count").isEqualTo(1);
      long killed = killAndAwaitEnd(before.get(died).pid());

      startAgent(device, server, run.stateDir(), run.log());
      Map<String, DeviceProcessStatus> after = awaitRunningAndHealthy(nats, device, NAMES);
      DeviceProcessStatus s = after.get(died);
      assertThat(s.pid()).as(died + " runs again under a new pid").isNotEqualTo(killed);
      assertThat(s.restartCount())
          .as(died + " restarts continue from the saved count")
          .isEqualTo(before.get(died).restartCount() + 1);
      assertThat(s.lastTerminationReason()).contains("while the agent was down");
      assertThat(s.startTime()).isNotEqualTo(before.get(died).startTime());
      children.add(s.pid());
      DeviceProcessStatus other = after.get(NAMES.get(1));
      assertThat(other.pid()).isEqualTo(before.get(NAMES.get(1)).pid());
      assertThat(other.restartCount()).isEqualTo(before.get(NAMES.get(1)).restartCount());
      assertThat(Files.readAllLines(run.marker()))
          .as("the crash under the first agent and the death while it was down: two more starts")
          .hasSize(NAMES.size() + 2);
    }
  }

  @Test
  void settlesInFailedAProcessThatDiedWhileTheAgentWasDownWhenPolicyIsNever(NatsTestServer server)
      throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-13");
    Run run = Run.create();
    String died = NAMES.get(0);
    try (Connection nats = server.connect()) {
      Map<String, DeviceProcessStatus> before =
          runThenKillAgent(nats, server, device, run, RestartPolicy.Never);
      long killed = killAndAwaitEnd(before.get(died).pid());

      startAgent(device, server, run.stateDir(), run.log());
      awaitRunningAndHealthy(nats, device, List.of(NAMES.get(1)));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(nats, device, died);
                assertThat(s).as(died).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Failed);
                assertThat(s.pid()).isNull();
                assertThat(s.restartCount()).isEqualTo(before.get(died).restartCount());
                assertThat(s.lastTerminationReason()).contains("while the agent was down");
              });
      assertThat(run.stateFile(died)).as("a settled process has no state to adopt").doesNotExist();
      assertThat(Files.readAllLines(run.marker()))
          .as("restartPolicy Never: not started again")
          .hasSize(NAMES.size());
    }
  }

  @Test
  void runsExactlyOneInstanceAfterTheStateDirIsLostAndStopsItOnDelete(NatsTestServer server)
      throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-14");
    Run run = Run.create();
    try (Connection nats = server.connect()) {
      Map<String, DeviceProcessStatus> before =
          runThenKillAgent(nats, server, device, run, RestartPolicy.Always);
      deleteTree(run.stateDir());

      startAgent(device, server, run.stateDir(), run.log());
      Map<String, DeviceProcessStatus> after = awaitRunningAndHealthy(nats, device);
      for (String dp : NAMES) {
        long pid = after.get(dp).pid();
        children.add(pid);
        assertThat(instances(run, dp))
            .as("%s runs once, as pid %d the status reports", dp, pid)
            .containsExactly(pid);
        // its artifact went with the state dir: the old instance is stopped, a fresh one started
        assertThat(alive(before.get(dp).pid())).as("the old instance of " + dp).isFalse();
      }

      String deleted = NAMES.get(0);
      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, deleted));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(instances(run, deleted)).as("instances of the deleted dp").isEmpty();
                assertThat(status(nats, device, deleted)).as("status of " + deleted).isNull();
              });
      assertThat(instances(run, NAMES.get(1))).containsExactly(after.get(NAMES.get(1)).pid());
    }
  }

  @Test
  void adoptsByTheMarkerWhenOnlyTheStateFilesAreLostAndStopsOneDeletedMeanwhile(
      NatsTestServer server) throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-15");
    Run run = Run.create();
    String deleted = NAMES.get(0);
    String kept = NAMES.get(1);
    try (Connection nats = server.connect()) {
      Map<String, DeviceProcessStatus> before =
          runThenKillAgent(nats, server, device, run, RestartPolicy.Always);
      deleteTree(run.stateDir().resolve("processes"));
      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, deleted));

      startAgent(device, server, run.stateDir(), run.log());
      long orphan = before.get(deleted).pid();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(alive(orphan)).as("pid %d of the deleted %s", orphan, deleted).isFalse();
                assertThat(instances(run, deleted)).isEmpty();
              });
      DeviceProcessStatus s = awaitRunningAndHealthy(nats, device, List.of(kept)).get(kept);
      assertThat(s.pid())
          .as(kept + " adopted, not started again")
          .isEqualTo(before.get(kept).pid());
      assertThat(instances(run, kept)).containsExactly(s.pid());
      assertThat(Files.readAllLines(run.marker()))
          .as("nothing started again")
          .hasSize(NAMES.size());
      assertThat(run.stateFile(kept)).as("the adopted process is remembered again").exists();
    }
  }
}
