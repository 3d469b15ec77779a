package io.rollwave.agent.backend.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rollwave.agent.backend.BackendChecks;
import io.rollwave.agent.backend.CommandRunner;
import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.Limits;
import io.rollwave.agent.backend.ProcessCommandRunner;
import io.rollwave.agent.backend.RunningProcess;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.testsupport.RepoLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The systemd backend against the machine's own systemd: units in {@code /run/systemd/system}
 * (runtime units, gone at reboot), driven with the real systemctl. Runs only where systemd is PID 1
 * and the test runs as root; elsewhere it is aborted saying which of the two is missing.
 */
class SystemdBackendIT {
  private static final Path UNIT_DIR = Path.of("/run/systemd/system");
  private static final CommandRunner RUNNER = new ProcessCommandRunner(Duration.ofSeconds(60));
  private static final String NAME = "systemd-it-" + ProcessHandle.current().pid();

  private final SystemdBackend backend =
      new SystemdBackend(UNIT_DIR, "systemctl", RUNNER, Duration.ofSeconds(30));

  /** In each test, not once for the class, so the skip and its reason show in the report. */
  @BeforeEach
  void requireSystemdAsPid1() throws Exception {
    String state;
    try {
      state = RUNNER.run(List.of("systemctl", "is-system-running")).output().strip();
    } catch (java.io.IOException e) {
      state = "systemctl cannot run: " + e.getMessage();
    }
    if (!state.equals("running") && !state.equals("degraded")) {
      Assumptions.abort(
          "systemd is not PID 1 on this machine: "
              + pid1()
              + " (systemctl is-system-running says '"
              + state
              + "'), so there is no systemd to drive");
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      Assumptions.abort(
          "systemd is PID 1 but this test runs as "
              + System.getProperty("user.name")
              + "; writing "
              + UNIT_DIR
              + " and starting system units needs root");
    }
  }

  private static String pid1() {
    try {
      return "PID 1 is " + Files.readString(Path.of("/proc/1/comm")).strip();
    } catch (java.io.IOException e) {
      return "PID 1 cannot be read (" + e.getMessage() + ")";
    }
  }

  @AfterEach
  void removeUnit() throws Exception {
    RUNNER.run(List.of("systemctl", "stop", SystemdUnit.unitName(NAME)));
    if (Files.exists(UNIT_DIR.resolve(SystemdUnit.unitName(NAME)))) {
      backend.remove(NAME);
    }
  }

  @Test
  void startsAdoptsStopsAndRemovesARealUnit() throws Exception {
    Path work = Files.createTempDirectory(RepoLayout.targetDir("systemd-it"), "run-");
    LaunchSpec spec =
        new LaunchSpec(
            NAME,
            List.of(
                "/bin/sh", "-c", "echo started; trap 'exit 3' TERM; while true; do sleep 1; done"),
            Map.of("GREETING", "hello"),
            work,
            work.resolve(NAME + ".log"),
            RestartPolicy.Never,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Limits.NONE);

    RunningProcess p = backend.start(spec);

    String unit = SystemdUnit.unitName(NAME);
    assertThat(RUNNER.run(List.of("systemctl", "is-active", unit)).output().strip())
        .isEqualTo("active");
    assertThat(ProcessHandle.of(p.pid())).as("MainPID %d runs", p.pid()).isPresent();
    assertThat(
            RUNNER
                .run(List.of("systemd-analyze", "verify", UNIT_DIR.resolve(unit).toString()))
                .exitCode())
        .as("systemd-analyze verify of the written unit")
        .isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(work.resolve(NAME + ".log")).content().contains("started"));

    BackendChecks.adoptableUntilStopped(backend, NAME, p, 3);

    backend.remove(NAME);
    assertThat(UNIT_DIR.resolve(unit)).doesNotExist();
  }
}
