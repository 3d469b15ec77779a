package io.rollwave.agent.backend.systemd;

import static io.rollwave.agent.backend.RecordingRunner.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rollwave.agent.backend.CommandRunner;
import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.Limits;
import io.rollwave.agent.backend.RecordingRunner;
import io.rollwave.agent.backend.RunningProcess;
import io.rollwave.api.process.RestartPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemctl sequence the backend issues, answered by a recording runner; the main process is a
 * real one the test starts, so pids, start times and ends are real.
 */
class SystemdBackendTest {
  private static final String UNIT = "rollwave-switch-agent.service";

  @TempDir Path dir;
  private Process main;

  @AfterEach
  void killMain() {
    if (main != null) {
      main.destroyForcibly();
    }
  }

  private LaunchSpec spec() {
    return new LaunchSpec(
        "switch-agent",
        List.of("/opt/switch-agent", "--port", "9000"),
        Map.of("A", "1"),
        dir,
        dir.resolve("switch-agent.log"),
        RestartPolicy.OnFailure,
        Optional.of("rollwave"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new Limits(OptionalLong.of(64L << 20), OptionalLong.of(500)));
  }

  private long startMain() throws Exception {
    main = new ProcessBuilder("sleep", "300").start();
    return main.pid();
  }

  /**
   * systemd as the test scripts it: {@code is-active} answers the states in turn (the last one from
   * then on), MainPID is {@code pid}, and the main process was killed by signal 9.
   */
  private static RecordingRunner systemd(long pid, String... states) {
    AtomicInteger isActive = new AtomicInteger();
    return new RecordingRunner(
        c -> {
          List<String> args = c.subList(1, c.size());
          if (args.get(0).equals("is-active")) {
            String state = states[Math.min(isActive.getAndIncrement(), states.length - 1)];
            return new CommandRunner.Result(state.equals("active") ? 0 : 3, state + "\n");
          }
          if (args.equals(List.of("show", "-p", "MainPID", "--value", UNIT))) {
            return ok(pid + "\n");
          }
          if (args.get(0).equals("show")) {
            return ok("ExecMainPID=" + pid + "\nExecMainCode=2\nExecMainStatus=9\n");
          }
          return ok("");
        });
  }

  private SystemdBackend backend(RecordingRunner runner) {
    return new SystemdBackend(
        dir.resolve("system"), "/usr/bin/systemctl", runner, Duration.ofSeconds(5));
  }

  @Test
  void writesTheUnitThenReloadsEnablesStartsAndTakesMainPid() throws Exception {
    long pid = startMain();
    RecordingRunner runner = systemd(pid, "activating", "active");

    RunningProcess p = backend(runner).start(spec());

    assertThat(p.pid()).isEqualTo(pid);
    assertThat(p.startedAt()).isEqualTo(main.toHandle().info().startInstant().orElseThrow());
    assertThat(runner.calls())
        .allSatisfy(c -> assertThat(c.get(0)).isEqualTo("/usr/bin/systemctl"));
    assertThat(runner.argsSoFar())
        .containsExactly(
            List.of("daemon-reload"),
            List.of("enable", UNIT),
            List.of("start", UNIT),
            List.of("is-active", UNIT),
            List.of("is-active", UNIT),
            List.of("show", "-p", "MainPID", "--value", UNIT));
    String unit = Files.readString(dir.resolve("system").resolve(UNIT));
    assertThat(unit)
        .contains("ExecStart=\"/opt/switch-agent\" \"--port\" \"9000\"\n")
        .contains("Restart=on-failure\n", "User=rollwave\n")
        .contains("MemoryMax=67108864\n", "CPUQuota=50%\n");
    assertThat(dir.resolve("system")).isDirectoryNotContaining("glob:**.tmp");
  }

  /**
   * An active unit is left as it is by {@code start}: right for this very unit (an agent that lost
   * its state dir starts it again and takes its MainPID), stale when its text changed.
   */
  @Test
  void restartsAUnitWhoseTextChangedAndStartsOneThatDidNot() throws Exception {
    long pid = startMain();
    SystemdBackend backend = backend(systemd(pid, "active"));
    backend.start(spec());

    RecordingRunner same = systemd(pid, "active");
    backend(same).start(spec());
    assertThat(same.argsSoFar())
        .contains(List.of("start", UNIT))
        .doesNotContain(List.of("restart", UNIT));

    RecordingRunner changed = systemd(pid, "active");
    LaunchSpec other = spec();
    backend(changed)
        .start(
            new LaunchSpec(
                other.name(),
                List.of("/opt/switch-agent", "--port", "9001"),
                other.env(),
                other.workDir(),
                other.logFile(),
                other.restartPolicy(),
                other.user(),
                other.image(),
                other.entrypoint(),
                other.pullSecret(),
                other.limits()));
    assertThat(changed.argsSoFar())
        .contains(List.of("restart", UNIT))
        .doesNotContain(List.of("start", UNIT));
  }

  @Test
  void aUnitThatFailsToStartIsAnErrorNamingIt() throws Exception {
    long pid = startMain();
    assertThatThrownBy(() -> backend(systemd(pid, "activating", "failed")).start(spec()))
        .hasMessageContaining(UNIT + " is failed after systemctl start")
        .hasMessageContaining("journalctl -u " + UNIT);
  }

  @Test
  void aFailingSystemctlIsAnErrorWithItsOutput() {
    RecordingRunner runner =
        new RecordingRunner(
            c ->
                c.get(1).equals("enable")
                    ? new CommandRunner.Result(1, "Failed to enable unit: Access denied\n")
                    : ok(""));
    assertThatThrownBy(() -> backend(runner).start(spec()))
        .hasMessage(
            "/usr/bin/systemctl enable "
                + UNIT
                + " exited with 1: Failed to enable unit: Access denied");
    assertThat(runner.argsSoFar())
        .containsExactly(List.of("daemon-reload"), List.of("enable", UNIT));
  }

  @Test
  void stopsThroughSystemctlAndReportsTheExitCodeSystemdSaw() throws Exception {
    long pid = startMain();
    RecordingRunner runner = systemd(pid, "activating", "active");
    RunningProcess p = backend(runner).start(spec());

    p.terminate();
    p.kill();
    main.destroyForcibly(); // what systemctl kill --signal=SIGKILL would have done

    assertThat(runner.argsSoFar())
        .contains(List.of("stop", "--no-block", UNIT), List.of("kill", "--signal=SIGKILL", UNIT));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(p.onExit()).isCompletedWithValue(OptionalInt.of(137)));
    assertThat(runner.argsSoFar())
        .contains(
            List.of(
                "show", "-p", "ExecMainPID", "-p", "ExecMainCode", "-p", "ExecMainStatus", UNIT));
  }

  @Test
  void adoptsAnActiveUnitWhoseMainPidIsTheSavedProcess() throws Exception {
    long pid = startMain();
    SystemdBackend backend = backend(systemd(pid, "activating", "active"));
    backend.start(spec());
    var startedAt = main.toHandle().info().startInstant().orElseThrow();

    assertThat(backend.adopt("switch-agent", pid, startedAt))
        .map(RunningProcess::pid)
        .contains(pid);
    assertThat(backend.adopt("switch-agent", pid, startedAt.minusSeconds(5)))
        .as("same pid, other start time: a reused pid")
        .isEmpty();
    assertThat(backend.adopt("switch-agent", pid + 1, startedAt))
        .as("systemd restarted it while the agent was down: MainPID differs")
        .isEmpty();
  }

  @Test
  void doesNotAdoptAnInactiveUnitOrOneWithoutUnitFile() throws Exception {
    long pid = startMain();
    var startedAt = main.toHandle().info().startInstant().orElseThrow();
    SystemdBackend inactive = backend(systemd(pid, "inactive"));
    assertThat(inactive.adopt("switch-agent", pid, startedAt)).as("no unit file").isEmpty();
    Files.createDirectories(dir.resolve("system"));
    Files.writeString(dir.resolve("system").resolve(UNIT), "[Service]\n");
    assertThat(backend(systemd(pid, "inactive")).adopt("switch-agent", pid, startedAt))
        .as("inactive")
        .isEmpty();
  }

  @Test
  void removeDisablesDeletesTheUnitAndReloads() throws Exception {
    long pid = startMain();
    RecordingRunner runner = systemd(pid, "activating", "active");
    SystemdBackend backend = backend(runner);
    backend.start(spec());

    backend.remove("switch-agent");

    assertThat(dir.resolve("system").resolve(UNIT)).doesNotExist();
    List<List<String>> args = runner.argsSoFar();
    assertThat(args.subList(args.size() - 2, args.size()))
        .containsExactly(List.of("disable", UNIT), List.of("daemon-reload"));
  }
}
