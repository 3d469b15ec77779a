package io.rollwave.agent;

import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.EnvVar;
import io.rollwave.api.process.HealthCheck;
import io.rollwave.api.process.ProcessPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one DeviceProcess with the exec backend: fetch and verify its artifact, start it as a child
 * process, probe its health, restart it per restartPolicy with a growing back-off, replace it on a
 * new revision (SIGTERM, a grace period, then SIGKILL) and report every change. All of its work
 * happens on one thread of its own, so its state needs no locks.
 */
final class ProcessSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);
  static final Duration GRACE_PERIOD = Duration.ofSeconds(10);
  static final Backoff DOWNLOAD_BACKOFF =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  static final Backoff RESTART_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  private final DeviceKey device;
  private final String name;
  private final Path stateDir;
  private final ArtifactFetcher fetcher;
  private final StatusPublisher publisher;
  private final ProcessStatus status;
  private final Random random = new Random();
  private final ScheduledExecutorService thread;

  private DesiredProcess desired;
  private Path artifact;
  private Process process;
  private boolean stopping;
  private String killReason;
  private ProbeTracker probes;
  private ScheduledFuture<?> probeTask;
  private ScheduledFuture<?> retryTask;
  private int downloadAttempts;

  ProcessSupervisor(
      DeviceKey device,
      String name,
      Path stateDir,
      ArtifactFetcher fetcher,
      StatusPublisher publisher,
      Clock clock) {
    this.device = device;
    this.name = name;
    this.stateDir = stateDir;
    this.fetcher = fetcher;
    this.publisher = publisher;
    this.status = new ProcessStatus(clock);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dp-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  /** A desired entry arrived for this process. */
  void apply(DesiredProcess next) {
    thread.execute(() -> doApply(next));
  }

  /** The desired entry was deleted: stop the process and forget its status. */
  void remove() {
    thread.execute(
        () -> {
          cancelTimers();
          stop("DeviceProcess removed");
          publisher.remove(name);
          log("stopped and removed");
          thread.shutdown();
        });
  }

  private void doApply(DesiredProcess next) {
    if (desired != null
        && Objects.equals(desired.revision(), next.revision())
        && desired.generation() == next.generation()
        && Objects.equals(desired.spec(), next.spec())) {
      return;
    }
    cancelTimers();
    if (process != null) {
      stop("Replaced by revision " + next.revision());
    }
    desired = next;
    artifact = null;
    downloadAttempts = 0;
    status.target(next.revision(), next.generation(), ArtifactVersion.of(next.spec().artifact()));
    status.phase(ProcessPhase.Pending);
    status.conditionUnknown(
        ProcessStatus.ARTIFACT_DOWNLOADED, "Downloading", next.spec().artifact().url());
    status.condition(ProcessStatus.PROCESS_STARTED, false, "Pending", "waiting for the artifact");
    status.conditionUnknown(ProcessStatus.HEALTHY, "Pending", "not started");
    report();
    log("new desired state, fetching " + next.spec().artifact().url());
    prepare();
  }

  private void prepare() {
    DeviceProcessSpec spec = desired.spec();
    try {
      artifact = fetcher.fetch(spec.artifact());
      status.condition(
          ProcessStatus.ARTIFACT_DOWNLOADED,
          true,
          "Downloaded",
          "SHA-256 " + spec.artifact().checksumSHA256() + " verified");
      start();
    } catch (ArtifactException e) {
      status.condition(ProcessStatus.ARTIFACT_DOWNLOADED, false, e.reason(), e.getMessage());
      if (e.retryable()) {
        Duration delay = DOWNLOAD_BACKOFF.withJitter(++downloadAttempts, random);
        status.phase(ProcessPhase.Pending);
        retryTask = thread.schedule(this::prepare, delay.toMillis(), TimeUnit.MILLISECONDS);
        log(e.reason() + ": " + e.getMessage() + "; retrying in " + delay.toMillis() + " ms");
      } else {
        status.phase(ProcessPhase.Failed);
        log(e.reason() + ": " + e.getMessage());
      }
      report();
    }
  }

  private void start() {
    DeviceProcessSpec spec = desired.spec();
    Map<String, String> env = environment(spec);
    try {
      Path workDir =
          spec.execution().workingDir() != null
              ? Path.of(spec.execution().workingDir())
              : Files.createDirectories(stateDir.resolve("work").resolve(name));
      Path logFile = Files.createDirectories(stateDir.resolve("logs")).resolve(name + ".log");
      List<String> command = new ArrayList<>(Commands.expand(spec.execution().command(), env));
      if (spec.execution().args() != null) {
        command.addAll(Commands.expand(spec.execution().args(), env));
      }
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      pb.environment().putAll(env);
      Process started = pb.start();
      process = started;
      status.started(started.pid());
      status.phase(ProcessPhase.Running);
      status.condition(ProcessStatus.PROCESS_STARTED, true, "Started", "pid " + started.pid());
      started.onExit().thenAccept(p -> thread.execute(() -> exited(p)));
      HealthCheck check = spec.healthCheck();
      if (check == null) {
        status.condition(
            ProcessStatus.HEALTHY, true, "NoHealthCheck", "no health check configured");
      } else {
        status.conditionUnknown(ProcessStatus.HEALTHY, "Probing", "waiting for the first probe");
        scheduleProbes(check, env, workDir);
      }
      report();
      log("started pid " + started.pid());
    } catch (IOException e) {
      status.condition(ProcessStatus.PROCESS_STARTED, false, "StartFailed", e.getMessage());
      status.stopped("Start failed: " + e.getMessage());
      log("cannot start: " + e.getMessage());
      afterExit(true);
    }
  }

  private Map<String, String> environment(DeviceProcessSpec spec) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ROLLWAVE_ARTIFACT", artifact.toString());
    env.put("ROLLWAVE_DEVICE_PROCESS", name);
    if (spec.execution().env() != null) {
      for (EnvVar v : spec.execution().env()) {
        env.put(v.name(), v.value() == null ? "" : v.value());
      }
    }
    return env;
  }

  private void scheduleProbes(HealthCheck check, Map<String, String> env, Path workDir) {
    probes =
        new ProbeTracker(
            orDefault(check.successThreshold(), 1), orDefault(check.failureThreshold(), 3));
    Duration timeout = Duration.ofSeconds(orDefault(check.timeoutSeconds(), 1));
    probeTask =
        thread.scheduleWithFixedDelay(
            () -> probe(check, timeout, env, workDir),
            orDefault(check.initialDelaySeconds(), 0) * 1000L,
            orDefault(check.periodSeconds(), 10) * 1000L,
            TimeUnit.MILLISECONDS);
  }

  private void probe(HealthCheck check, Duration timeout, Map<String, String> env, Path workDir) {
    if (process == null || !process.isAlive()) {
      return;
    }
    boolean ok = Probes.run(check, timeout, env, workDir);
    if (!probes.record(ok)) {
      return;
    }
    if (Boolean.TRUE.equals(probes.healthy())) {
      status.condition(ProcessStatus.HEALTHY, true, "HealthCheckPassed", "health check passed");
      log("healthy");
    } else {
      status.condition(ProcessStatus.HEALTHY, false, "HealthCheckFailed", "health check failing");
      log("health check failing");
      if (ExitPolicy.restarts(desired.spec().restartPolicy(), true)) {
        Process unhealthy = process;
        killReason = "Health check failed";
        unhealthy.destroy();
        thread.schedule(
            () -> {
              if (unhealthy.isAlive()) {
                unhealthy.destroyForcibly();
              }
            },
            GRACE_PERIOD.toMillis(),
            TimeUnit.MILLISECONDS);
      }
    }
    report();
  }

  private void exited(Process p) {
    if (p != process || stopping) {
      return;
    }
    cancelProbes();
    int code = p.exitValue();
    boolean killedForHealth = killReason != null;
    String reason =
        killedForHealth
            ? killReason + " (" + ExitPolicy.terminationReason(code) + ")"
            : ExitPolicy.terminationReason(code);
    killReason = null;
    process = null;
    status.stopped(reason);
    status.condition(ProcessStatus.PROCESS_STARTED, false, "Exited", reason);
    log("process exited: " + reason);
    afterExit(code != 0 || killedForHealth);
  }

  /** After the process ended by itself: restart per policy, or settle in Succeeded or Failed. */
  private void afterExit(boolean failed) {
    if (ExitPolicy.restarts(desired.spec().restartPolicy(), failed)) {
      status.restarted();
      Duration delay = RESTART_BACKOFF.withJitter(status.toStatus().restartCount(), random);
      status.condition(
          ProcessStatus.HEALTHY, false, "BackOff", "restarting in " + delay.toMillis() + " ms");
      retryTask = thread.schedule(this::start, delay.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      status.phase(ExitPolicy.settledPhase(failed));
      status.condition(ProcessStatus.HEALTHY, false, "NotRunning", "process ended");
    }
    report();
  }

  /** Stops the running process: SIGTERM, the grace period, then SIGKILL. */
  private void stop(String reason) {
    cancelProbes();
    Process p = process;
    if (p == null) {
      return;
    }
    stopping = true;
    try {
      p.destroy();
      if (!p.waitFor(GRACE_PERIOD.toMillis(), TimeUnit.MILLISECONDS)) {
        log(
            "did not stop within "
                + GRACE_PERIOD.toSeconds()
                + " s of SIGTERM, killing pid "
                + p.pid());
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    } finally {
      stopping = false;
      process = null;
    }
    status.stopped(reason);
    log("stopped pid " + p.pid() + ": " + reason);
  }

  private void report() {
    publisher.publish(
        new ReportedStatus(desired.namespace(), name, status.generation(), status.toStatus()));
  }

  private void cancelTimers() {
    cancelProbes();
    if (retryTask != null) {
      retryTask.cancel(false);
      retryTask = null;
    }
  }

  private void cancelProbes() {
    if (probeTask != null) {
      probeTask.cancel(false);
      probeTask = null;
    }
  }

  private void log(String event) {
    LOG.info(
        "device {} dp {} rev {}: {}",
        device,
        name,
        desired == null ? "-" : desired.revision(),
        event);
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  /** Stops the process (agent shutdown). */
  @Override
  public void close() {
    try {
      thread
          .submit(
              () -> {
                cancelTimers();
                stop("Agent stopped");
              })
          .get(GRACE_PERIOD.toSeconds() + 10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("device {} dp {}: stopping on shutdown: {}", device, name, e.toString());
    }
    thread.shutdownNow();
  }
}
