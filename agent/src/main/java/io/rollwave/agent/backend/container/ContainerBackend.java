package io.rollwave.agent.backend.container;

import io.rollwave.agent.backend.Backend;
import io.rollwave.agent.backend.CommandRunner;
import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.ManagedProcess;
import io.rollwave.agent.backend.PolledProcess;
import io.rollwave.agent.backend.RunningProcess;
import io.rollwave.api.process.RestartPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a DeviceProcess as a container through the podman or docker CLI: {@code run -d --name
 * rollwave-<dp>} with the restart policy, environment, user, entrypoint and the image pinned by
 * digest, pulled with the artifact's pull secret when it has one ({@link #authenticated}); the pid
 * from {@code inspect}; {@code stop -t <grace>}, {@code kill}, {@code rm -f}. A restarted agent
 * adopts a running container whose main pid is the saved process.
 */
public final class ContainerBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerBackend.class);

  private final String cli;
  private final CommandRunner runner;
  private final Duration grace;
  private final RegistryAuthFile auth;

  /**
   * @param cli the podman or docker command
   * @param grace what {@code stop -t} gives a container between SIGTERM and SIGKILL
   * @param authRoot where a pull secret is written for the engine while it pulls, {@code
   *     <authRoot>/<dp>/config.json}
   */
  public ContainerBackend(String cli, CommandRunner runner, Duration grace, Path authRoot) {
    this.cli = cli;
    this.runner = runner;
    this.grace = grace;
    this.auth = new RegistryAuthFile(authRoot);
  }

  @Override
  public String name() {
    return "container";
  }

  @Override
  public boolean pullsImage() {
    return true;
  }

  @Override
  public boolean enforcesLimits() {
    return true;
  }

  static String containerName(String deviceProcess) {
    return "rollwave-" + deviceProcess;
  }

  static String restart(RestartPolicy policy) {
    return switch (policy) {
      case Always -> "always";
      case OnFailure -> "on-failure";
      case Never -> "no";
    };
  }

  /**
   * The arguments of {@code run}: pure, so the command line is tested as it is. The label {@code
   * io.rollwave.run} holds the digest of the rest, so a container the engine restarted is known to
   * run this very line.
   */
  static List<String> runArgs(LaunchSpec spec) {
    List<String> line = runLine(spec);
    List<String> args = new ArrayList<>(line.subList(0, 4));
    args.addAll(List.of("--label", ContainerState.RUN_LABEL + "=" + digest(line)));
    args.addAll(line.subList(4, line.size()));
    return args;
  }

  /**
   * The {@code run} arguments that make the engine pull with the Docker config in {@code
   * configDir}: podman's {@code run --authfile <configDir>/config.json}, docker's global {@code
   * --config <configDir>} (podman takes that too, so a podman installed as {@code docker} works).
   * Pure; the run label is not changed, since credentials are not part of what runs.
   */
  static List<String> authenticated(String cli, List<String> run, Path configDir) {
    List<String> args = new ArrayList<>();
    if (Path.of(cli).getFileName().toString().startsWith("podman")) {
      args.add(run.get(0));
      args.addAll(List.of("--authfile", configDir.resolve(RegistryAuthFile.FILE_NAME).toString()));
      args.addAll(run.subList(1, run.size()));
    } else {
      args.addAll(List.of("--config", configDir.toString()));
      args.addAll(run);
    }
    return args;
  }

  private static String digest(List<String> words) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String w : words) {
        sha.update(w.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  private static List<String> runLine(LaunchSpec spec) {
    List<String> args = new ArrayList<>(List.of("run", "-d", "--name", containerName(spec.name())));
    args.addAll(List.of("--restart", restart(spec.restartPolicy())));
    args.addAll(List.of("--label", "io.rollwave.device-process=" + spec.name()));
    spec.env().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> args.addAll(List.of("-e", e.getKey() + "=" + e.getValue())));
    spec.user().ifPresent(u -> args.addAll(List.of("--user", u)));
    spec.limits().memory().ifPresent(m -> args.addAll(List.of("--memory", m)));
    spec.limits().cpus().ifPresent(c -> args.addAll(List.of("--cpus", c)));
    spec.entrypoint().ifPresent(e -> args.addAll(List.of("--entrypoint", e)));
    args.add(
        spec.image()
            .orElseThrow(
                () -> new IllegalArgumentException(spec.name() + ": a container needs an image")));
    args.addAll(spec.command());
    return args;
  }

  @Override
  public RunningProcess start(LaunchSpec spec) throws IOException {
    String container = containerName(spec.name());
    List<String> run = runArgs(spec);
    Optional<RunningProcess> restarted = restartedByEngine(container, run);
    if (restarted.isPresent()) {
      return restarted.get();
    }
    // a container of an earlier start (ended, or of another spec) holds the name
    removeContainer(container);
    runPulling(spec, run);
    ContainerState state = inspect(container);
    if (!state.running()) {
      throw new IOException(
          container
              + " exited at once with code "
              + state.exitCode()
              + "; see "
              + cli
              + " logs "
              + container);
    }
    return ProcessHandle.of(state.pid())
        .filter(PolledProcess::alive)
        .map(h -> managed(h, container))
        .orElseThrow(
            () ->
                new IOException(
                    container + " runs as pid " + state.pid() + ", which this agent cannot see"));
  }

  /** Runs the container, with the pull secret on disk for as long as the engine needs it. */
  private void runPulling(LaunchSpec spec, List<String> run) throws IOException {
    Optional<Path> configDir = auth.prepare(spec.name(), spec.pullSecret());
    try {
      checked(configDir.map(dir -> authenticated(cli, run, dir)).orElse(run));
    } finally {
      if (configDir.isPresent()) {
        auth.delete(spec.name());
      }
    }
  }

  /**
   * The container, if its {@code --restart} policy already had the engine start it again with this
   * very run line: then it is taken as it is, not removed and run a second time.
   */
  private Optional<RunningProcess> restartedByEngine(String container, List<String> run) {
    String label = run.get(run.indexOf("--label") + 1);
    ContainerState state;
    try {
      state = inspect(container);
    } catch (IOException e) {
      return Optional.empty(); // none yet
    }
    if (!state.running() || !label.equals(ContainerState.RUN_LABEL + "=" + state.runDigest())) {
      return Optional.empty();
    }
    LOG.info(
        "{}: already running this spec (restarted by {}), pid {}", container, cli, state.pid());
    return ProcessHandle.of(state.pid())
        .filter(PolledProcess::alive)
        .map(h -> managed(h, container));
  }

  /**
   * Found by its container name instead: {@link #start} takes over a running container of that name
   * with the same run line and removes any other.
   */
  @Override
  public Optional<RunningProcess> takeOver(String name, long pid, Instant startedAt) {
    return Optional.empty();
  }

  @Override
  public Optional<RunningProcess> adopt(String name, long pid, Instant startedAt) {
    String container = containerName(name);
    ContainerState state;
    try {
      state = inspect(container);
    } catch (IOException e) {
      LOG.info("dp {}: container {} not found to adopt: {}", name, container, e.getMessage());
      return Optional.empty();
    }
    if (!state.running() || state.pid() != pid) {
      return Optional.empty();
    }
    return PolledProcess.find(pid, startedAt).map(h -> managed(h, container));
  }

  /** Removes the container ({@code rm -f}); one that is already gone is fine. */
  @Override
  public void remove(String name) throws IOException {
    removeContainer(containerName(name));
    auth.delete(name); // left only by an agent killed during a run
  }

  private void removeContainer(String container) throws IOException {
    List<String> rm = command(List.of("rm", "-f", container));
    CommandRunner.Result r = runner.run(rm);
    if (!r.ok() && !r.output().toLowerCase(Locale.ROOT).contains("no such container")) {
      throw r.failure(rm);
    }
  }

  private RunningProcess managed(ProcessHandle h, String container) {
    return new ManagedProcess(
        h,
        () -> CompletableFuture.runAsync(() -> stop(container, h)),
        () -> kill(container, h),
        () -> exitCode(container));
  }

  /** {@code stop -t <grace>}: SIGTERM, then SIGKILL from the engine after the grace. */
  private void stop(String container, ProcessHandle h) {
    try {
      checked(List.of("stop", "-t", Long.toString(grace.toSeconds()), container));
    } catch (IOException e) {
      LOG.warn(
          "{}: {} stop failed ({}), sending SIGTERM to {}",
          container,
          cli,
          e.getMessage(),
          h.pid());
      h.destroy();
    }
  }

  private void kill(String container, ProcessHandle h) {
    try {
      checked(List.of("kill", container));
    } catch (IOException e) {
      LOG.warn("{}: {} kill failed ({}), killing pid {}", container, cli, e.getMessage(), h.pid());
      h.destroyForcibly();
    }
  }

  /** The ended container's exit code; unknown when the engine restarted it already. */
  private OptionalInt exitCode(String container) {
    try {
      ContainerState state = inspect(container);
      return state.running() ? OptionalInt.empty() : OptionalInt.of(state.exitCode());
    } catch (IOException e) {
      LOG.warn("{}: exit code unknown: {}", container, e.getMessage());
      return OptionalInt.empty();
    }
  }

  private ContainerState inspect(String container) throws IOException {
    List<String> args = List.of("inspect", "-f", ContainerState.FORMAT, container);
    try {
      return ContainerState.parse(checked(args).output());
    } catch (IllegalArgumentException e) {
      throw new IOException(cli + " inspect " + container + ": " + e.getMessage(), e);
    }
  }

  private List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(cli);
    command.addAll(args);
    return command;
  }

  private CommandRunner.Result checked(List<String> args) throws IOException {
    return runner.checked(command(args));
  }
}
