package io.rollwave.agent.backend.container;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI calls the container backend makes, answered by a recording runner; the container's main
 * process is a real one the test starts, so pids, start times and ends are real.
 */
class ContainerBackendTest {
  private static final String IMAGE = "registry.example/apollo/agent@sha256:" + "ab".repeat(32);
  private static final String INSPECT =
      "{{.State.Pid}} {{.State.Running}} {{.State.ExitCode}} {{index .Config.Labels"
          + " \"io.rollwave.run\"}}";

  @TempDir Path authRoot;
  private Process main;

  @AfterEach
  void killMain() {
    if (main != null) {
      main.destroyForcibly();
    }
  }

  private static LaunchSpec spec(RestartPolicy policy, Optional<String> entrypoint) {
    return spec(policy, entrypoint, Optional.empty());
  }

  private static LaunchSpec spec(
      RestartPolicy policy, Optional<String> entrypoint, Optional<String> pullSecret) {
    return new LaunchSpec(
        "switch-agent",
        List.of("--port", "9000"),
        Map.of("B", "two words", "A", "1"),
        Path.of("/unused"),
        Path.of("/unused.log"),
        policy,
        Optional.of("1000:1000"),
        Optional.of(IMAGE),
        entrypoint,
        pullSecret,
        new Limits(OptionalLong.of(64L << 20), OptionalLong.of(1500)));
  }

  /** The engine as the test scripts it: inspect answers what {@code state} holds. */
  private static RecordingRunner engine(AtomicReference<String> state) {
    return new RecordingRunner(
        c -> {
          String verb = c.get(1);
          return switch (verb) {
            case "inspect" -> ok(state.get());
            case "run" -> ok("0123abcd\n");
            default -> ok("");
          };
        });
  }

  private ContainerBackend backend(RecordingRunner runner) {
    return backend("/usr/bin/podman", runner);
  }

  private ContainerBackend backend(String cli, RecordingRunner runner) {
    return new ContainerBackend(cli, runner, Duration.ofSeconds(10), authRoot);
  }

  @Test
  void runLineCarriesNameRestartEnvUserLimitsEntrypointImageAndArgs() {
    List<String> run =
        ContainerBackend.runArgs(spec(RestartPolicy.OnFailure, Optional.of("/agent")));
    assertThat(run.subList(0, 6))
        .containsExactly("run", "-d", "--name", "rollwave-switch-agent", "--label", runLabel(run));
    assertThat(runLabel(run)).matches("io\\.rollwave\\.run=[0-9a-f]{32}");
    assertThat(run.subList(6, run.size()))
        .containsExactly(
            "--restart",
            "on-failure",
            "--label",
            "io.rollwave.device-process=switch-agent",
            "-e",
            "A=1",
            "-e",
            "B=two words",
            "--user",
            "1000:1000",
            "--memory",
            "67108864b",
            "--cpus",
            "1.500",
            "--entrypoint",
            "/agent",
            IMAGE,
            "--port",
            "9000");
    assertThat(ContainerBackend.runArgs(spec(RestartPolicy.Never, Optional.empty())))
        .containsSequence("--restart", "no")
        .doesNotContain("--entrypoint")
        .endsWith(IMAGE, "--port", "9000");
    assertThat(ContainerBackend.runArgs(spec(RestartPolicy.Always, Optional.empty())))
        .containsSequence("--restart", "always");
    assertThat(runLabel(ContainerBackend.runArgs(spec(RestartPolicy.Always, Optional.empty()))))
        .as("the run label is the digest of the rest of the line")
        .isEqualTo(runLabel(ContainerBackend.runArgs(spec(RestartPolicy.Always, Optional.empty()))))
        .isNotEqualTo(
            runLabel(ContainerBackend.runArgs(spec(RestartPolicy.Never, Optional.empty()))));
  }

  /** An engine whose {@code run} (after any global flags) fails with exit 125 and {@code said}. */
  private static RecordingRunner refusingRun(String said) {
    return new RecordingRunner(
        c -> c.contains("run") ? new CommandRunner.Result(125, said) : ok(""));
  }

  private static String runLabel(List<String> run) {
    return run.get(run.indexOf("--label") + 1);
  }

  private static String digestOf(List<String> run) {
    return runLabel(run).substring("io.rollwave.run=".length());
  }

  @Test
  void takesAContainerTheEngineRestartedWithTheSameRunLine() throws Exception {
    main = new ProcessBuilder("sleep", "300").start();
    List<String> run = ContainerBackend.runArgs(spec(RestartPolicy.Always, Optional.empty()));
    RecordingRunner runner =
        engine(new AtomicReference<>(main.pid() + " true 0 " + digestOf(run) + "\n"));

    RunningProcess p = backend(runner).start(spec(RestartPolicy.Always, Optional.empty()));

    assertThat(p.pid()).isEqualTo(main.pid());
    assertThat(runner.argsSoFar())
        .as("neither removed nor run a second time")
        .containsExactly(List.of("inspect", "-f", INSPECT, "rollwave-switch-agent"));
  }

  @Test
  void startsAfterRemovingAContainerOfAnotherRunLineAndTakesThePidFromInspect() throws Exception {
    main = new ProcessBuilder("sleep", "300").start();
    RecordingRunner runner = engine(new AtomicReference<>(main.pid() + " true 0\n"));

    RunningProcess p = backend(runner).start(spec(RestartPolicy.Always, Optional.empty()));

    assertThat(p.pid()).isEqualTo(main.pid());
    assertThat(runner.calls()).allSatisfy(c -> assertThat(c.get(0)).isEqualTo("/usr/bin/podman"));
    List<List<String>> args = runner.argsSoFar();
    assertThat(args)
        .containsExactly(
            List.of("inspect", "-f", INSPECT, "rollwave-switch-agent"),
            List.of("rm", "-f", "rollwave-switch-agent"),
            ContainerBackend.runArgs(spec(RestartPolicy.Always, Optional.empty())),
            List.of("inspect", "-f", INSPECT, "rollwave-switch-agent"));
  }

  @Test
  void aContainerThatEndsAtOnceIsAnErrorPointingAtItsLogs() {
    RecordingRunner runner = engine(new AtomicReference<>("0 false 127\n"));
    assertThatThrownBy(() -> backend(runner).start(spec(RestartPolicy.Always, Optional.empty())))
        .hasMessage(
            "rollwave-switch-agent exited at once with code 127; see /usr/bin/podman logs"
                + " rollwave-switch-agent");
  }

  @Test
  void aFailingRunIsAnErrorWithTheEnginesWords() {
    RecordingRunner runner = refusingRun("Error: manifest unknown\n");
    assertThatThrownBy(() -> backend(runner).start(spec(RestartPolicy.Always, Optional.empty())))
        .hasMessageStartingWith("/usr/bin/podman run -d --name rollwave-switch-agent")
        .hasMessageEndingWith("exited with 125: Error: manifest unknown");
  }

  @Test
  void stopsWithTheGraceKillsAndReportsTheExitCodeTheEngineSaw() throws Exception {
    main = new ProcessBuilder("sleep", "300").start();
    AtomicReference<String> state = new AtomicReference<>(main.pid() + " true 0\n");
    RecordingRunner runner = engine(state);
    RunningProcess p = backend(runner).start(spec(RestartPolicy.Always, Optional.empty()));

    p.terminate();
    p.kill();
    main.destroyForcibly(); // what the engine's kill would have done
    state.set("0 false 143\n");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(runner.argsSoFar())
                  .contains(
                      List.of("stop", "-t", "10", "rollwave-switch-agent"),
                      List.of("kill", "rollwave-switch-agent"));
              assertThat(p.onExit()).isCompletedWithValue(OptionalInt.of(143));
            });
  }

  @Test
  void adoptsARunningContainerWhosePidIsTheSavedProcess() throws Exception {
    main = new ProcessBuilder("sleep", "300").start();
    var startedAt = main.toHandle().info().startInstant().orElseThrow();
    AtomicReference<String> state = new AtomicReference<>(main.pid() + " true 0\n");
    ContainerBackend backend = backend(engine(state));

    assertThat(backend.adopt("switch-agent", main.pid(), startedAt))
        .map(RunningProcess::pid)
        .contains(main.pid());
    assertThat(backend.adopt("switch-agent", main.pid(), startedAt.minusSeconds(5)))
        .as("a reused pid")
        .isEmpty();
    assertThat(backend.adopt("switch-agent", main.pid() + 1, startedAt))
        .as("the engine restarted it while the agent was down")
        .isEmpty();
    state.set("0 false 1\n");
    assertThat(backend.adopt("switch-agent", main.pid(), startedAt)).as("exited").isEmpty();
  }

  @Test
  void noContainerToAdoptOrRemoveIsNoError() throws Exception {
    RecordingRunner runner =
        new RecordingRunner(
            c -> new CommandRunner.Result(125, "Error: no such container rollwave-switch-agent\n"));
    ContainerBackend backend = backend(runner);

    assertThat(backend.adopt("switch-agent", 4242, java.time.Instant.EPOCH)).isEmpty();
    backend.remove("switch-agent");

    assertThat(runner.argsSoFar())
        .containsExactly(
            List.of("inspect", "-f", INSPECT, "rollwave-switch-agent"),
            List.of("rm", "-f", "rollwave-switch-agent"));
  }

  @Test
  void aRemoveTheEngineRefusesIsAnError() {
    RecordingRunner runner =
        new RecordingRunner(c -> new CommandRunner.Result(1, "permission denied\n"));
    assertThatThrownBy(() -> backend(runner).remove("switch-agent"))
        .hasMessage("/usr/bin/podman rm -f rollwave-switch-agent exited with 1: permission denied");
  }

  @Test
  void podmanPullsWithAnAuthfileAndDockerWithAConfigDirectory() {
    List<String> run = ContainerBackend.runArgs(spec(RestartPolicy.Always, Optional.empty()));
    Path dir = Path.of("/var/lib/rw/auth/switch-agent");

    assertThat(ContainerBackend.authenticated("/usr/bin/podman", run, dir))
        .startsWith("run", "--authfile", "/var/lib/rw/auth/switch-agent/config.json", "-d")
        .endsWith(run.subList(1, run.size()).toArray(String[]::new))
        .hasSize(run.size() + 2);
    assertThat(ContainerBackend.authenticated("/usr/local/bin/docker", run, dir))
        .startsWith("--config", "/var/lib/rw/auth/switch-agent", "run", "-d")
        .endsWith(run.toArray(String[]::new))
        .hasSize(run.size() + 2);
  }

  @Test
  void aPullSecretIsOnDiskOwnerOnlyWhileTheEngineRunsTheImageAndThenDeleted() throws Exception {
    main = new ProcessBuilder("sleep", "300").start();
    String secret = "{\"auths\":{\"registry.example\":{\"auth\":\"dTpw\"}}}";
    Path file = authRoot.resolve("switch-agent").resolve("config.json");
    AtomicReference<String> seenByRun = new AtomicReference<>();
    AtomicReference<String> state = new AtomicReference<>(main.pid() + " true 0\n");
    RecordingRunner runner =
        new RecordingRunner(
            c -> {
              if (c.get(1).equals("run")) {
                seenByRun.set(read(file));
                return ok("0123abcd\n");
              }
              return c.get(1).equals("inspect") ? ok(state.get()) : ok("");
            });
    LaunchSpec spec = spec(RestartPolicy.Always, Optional.empty(), Optional.of(secret));

    backend(runner).start(spec);

    assertThat(seenByRun.get())
        .as("the file the run reads: the secret's document, mode and its directory's")
        .isEqualTo(secret + " rw------- rwx------");
    assertThat(runner.argsSoFar())
        .contains(
            ContainerBackend.authenticated(
                "/usr/bin/podman", ContainerBackend.runArgs(spec), file.getParent()));
    assertThat(ContainerBackend.runArgs(spec))
        .as("the run label does not change with the credentials")
        .isEqualTo(ContainerBackend.runArgs(spec(RestartPolicy.Always, Optional.empty())));
    assertThat(file.getParent()).as("deleted once the engine has pulled").doesNotExist();
    assertThat(spec.toString()).doesNotContain("dTpw");
  }

  @Test
  void aFailedPullDeletesThePullSecretToo() {
    Path file = authRoot.resolve("switch-agent").resolve("config.json");
    RecordingRunner runner = refusingRun("Error: unauthorized\n");

    assertThatThrownBy(
            () ->
                backend("/usr/bin/docker", runner)
                    .start(spec(RestartPolicy.Always, Optional.empty(), Optional.of("{}"))))
        .hasMessageStartingWith("/usr/bin/docker --config " + file.getParent() + " run -d")
        .hasMessageEndingWith("exited with 125: Error: unauthorized");
    assertThat(file.getParent()).doesNotExist();
  }

  @Test
  void withoutAPullSecretTheRunHasNoCredentialsAndALeftOverFileIsDeleted() throws Exception {
    main = new ProcessBuilder("sleep", "300").start();
    Path left = Files.createDirectories(authRoot.resolve("switch-agent")).resolve("config.json");
    Files.writeString(left, "{\"auths\":{}}");
    RecordingRunner runner = engine(new AtomicReference<>(main.pid() + " true 0\n"));

    backend(runner).start(spec(RestartPolicy.Always, Optional.empty()));

    assertThat(runner.argsSoFar())
        .contains(ContainerBackend.runArgs(spec(RestartPolicy.Always, Optional.empty())))
        .noneSatisfy(c -> assertThat(c).contains("--authfile"));
    assertThat(left).doesNotExist();
  }

  @Test
  void removingTheProcessDeletesAPullSecretLeftByAnAgentKilledDuringARun() throws Exception {
    Path left = Files.createDirectories(authRoot.resolve("switch-agent")).resolve("config.json");
    Files.writeString(left, "{}");

    backend(engine(new AtomicReference<>(""))).remove("switch-agent");

    assertThat(left.getParent()).doesNotExist();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file)
          + " "
          + PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
          + " "
          + PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()));
    } catch (java.io.IOException e) {
      return "unreadable: " + e;
    }
  }
}
