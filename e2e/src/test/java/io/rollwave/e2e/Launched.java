package io.rollwave.e2e;

import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.TemporalTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A process started through the {@code rollwave} launcher, its output in a log under target/. */
final class Launched implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private Launched(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static Launched start(Path repo, Path logDir, String name, String... args) {
    List<String> command = new ArrayList<>();
    command.add(repo.resolve("rollwave").toString());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      Process p =
          new ProcessBuilder(command)
              .directory(repo.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new Launched(name, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * {@code rollwave operator} against the given servers, watching namespace {@code ns} and serving
   * the task queue of the same name.
   */
  static Launched controlPlane(
      Path repo,
      Path logDir,
      String name,
      KubeTestServer kube,
      NatsTestServer nats,
      TemporalTestServer temporal,
      String ns) {
    return controlPlane(repo, logDir, name, kube, nats, temporal, ns, "--metrics-port", "0");
  }

  /** The same control plane with {@code more} flags, {@code --metrics-port} among them. */
  static Launched controlPlane(
      Path repo,
      Path logDir,
      String name,
      KubeTestServer kube,
      NatsTestServer nats,
      TemporalTestServer temporal,
      String ns,
      String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "operator",
                "--kubeconfig",
                kube.kubeconfig().toString(),
                "--temporal",
                temporal.target(),
                "--nats",
                nats.url(),
                "--nats-ca-file",
                nats.caFile().toString(),
                "--namespace",
                ns,
                "--task-queue",
                ns));
    args.addAll(List.of(more));
    return start(repo, logDir, name, args.toArray(String[]::new));
  }

  /** {@code rollwave agent} for NetworkSwitch {@code ns/device}, heartbeating every 2 s. */
  static Launched switchAgent(
      Path repo,
      Path logDir,
      String name,
      NatsTestServer nats,
      String ns,
      String device,
      Path state) {
    return start(
        repo,
        logDir,
        name,
        "agent",
        "--device",
        "NetworkSwitch/" + ns + "/" + device,
        "--nats",
        nats.url(),
        "--nats-ca-file",
        nats.caFile().toString(),
        "--state-dir",
        state.toString(),
        "--allow-insecure-http",
        "--heartbeat-seconds",
        "2");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Waits for the process to end on its own; its exit code, or fails after {@code within}. */
  int awaitExit(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(this + " still running after " + within);
    }
    return process.exitValue();
  }

  /** Stops the process as a kill would (SIGKILL), for crash tests. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return name + " (log " + log + ")";
  }
}
