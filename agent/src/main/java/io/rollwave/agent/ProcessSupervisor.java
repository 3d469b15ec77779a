package io.rollwave.agent;

import io.rollwave.agent.artifact.ArtifactCache;
import io.rollwave.agent.artifact.ArtifactException;
import io.rollwave.agent.artifact.ArtifactFetcher;
import io.rollwave.agent.artifact.oci.RegistryCredentials;
import io.rollwave.agent.backend.Backend;
import io.rollwave.agent.backend.Backends;
import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.Limits;
import io.rollwave.agent.backend.RunningProcess;
import io.rollwave.agent.backend.container.ContainerImage;
import io.rollwave.agent.json.DeviceProcessSpecJson;
import io.rollwave.agent.json.JsonWriter;
import io.rollwave.agent.state.MarkedProcess;
import io.rollwave.agent.state.MarkedProcesses;
import io.rollwave.agent.state.ProcessMarker;
import io.rollwave.agent.state.ProcessRecord;
import io.rollwave.agent.state.ProcessStateStore;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.nats.PullSecret;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.EnvVar;
import io.rollwave.api.process.HealthCheck;
import io.rollwave.api.process.ProcessPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one DeviceProcess through its {@link Backend}: fetch and verify its artifact, start it (or
 * adopt the one a previous agent left running with the same spec), probe its health, restart it per
 * restartPolicy with a growing back-off, replace it on a new revision (SIGTERM, a grace period,
 * then SIGKILL) and report every change. All of its work happens on one thread of its own, so its
 * state needs no locks.
 */
final class ProcessSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);
  static final Duration GRACE_PERIOD = Duration.ofSeconds(10);
  static final Backoff DOWNLOAD_BACKOFF =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  static final Backoff RESTART_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  /**
   * A run this long ends a crash loop: the next restart waits the base back-off (the kubelet's).
   */
  static final Duration CRASH_LOOP_RESET = Duration.ofMinutes(10);

  static final String ENDED_WHILE_DOWN = "Ended while the agent was down, exit code unknown";

  private final DeviceKey device;

  /** The DeviceProcess, as its desired key names it. */
  private final ProcessId id;

  /** Its name in the state dir, the backend's units, scripts and containers, and the cache. */
  private final String name;

  private final Path stateDir;
  private final ArtifactFetcher fetcher;
  private final Counters counters;
  private final StatusPublisher publisher;
  private final ProcessStatus status;
  private final Random random = new Random();
  private final ScheduledExecutorService thread;
  private final Backends backends;
  private final ProcessStateStore store;
  private final ArtifactCache cache;
  private final MarkedProcesses orphans;
  private final Clock clock;
  private final CrashLoop crashLoop = new CrashLoop(RESTART_BACKOFF, CRASH_LOOP_RESET);

  private DesiredProcess desired;
  private Path artifact;

  /** The pinned image reference when the backend's engine pulls the artifact itself. */
  private String image;

  private Backend backend;
  private RunningProcess process;

  /** When {@link #process} started, for how long it ran once it ends. */
  private Instant runningSince;

  /** The process was found running by this agent at its start, not started by it. */
  private boolean adopted;

  private boolean stopping;

  /** Left Pending because the operator could not deliver the artifact's pull secret. */
  private boolean waitingForPullSecret;

  private String killReason;
  private ProbeTracker probes;
  private ScheduledFuture<?> probeTask;
  private ScheduledFuture<?> retryTask;
  private int downloadAttempts;
  private ArtifactCache.Pins pins;

  ProcessSupervisor(
      DeviceKey device,
      ProcessId id,
      String localName,
      Path stateDir,
      ArtifactFetcher fetcher,
      StatusPublisher publisher,
      Backends backends,
      ProcessStateStore store,
      ArtifactCache cache,
      MarkedProcesses orphans,
      Counters counters,
      Clock clock) {
    this.counters = counters;
    this.cache = cache;
    this.orphans = orphans;
    this.clock = clock;
    this.backends = backends;
    this.store = store;
    this.device = device;
    this.id = id;
    this.name = localName;
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

  /**
   * The desired entry was deleted: stop the process and forget its status. Also for a process the
   * state file names whose entry was deleted while the agent was down (no desired entry seen).
   */
  void remove() {
    thread.execute(
        () -> {
          cancelTimers();
          List<MarkedProcess> strays = List.of();
          if (desired == null) {
            strays = orphans.take(name);
            saved(strays)
                .ifPresent(
                    r -> {
                      backend = recordBackend(r).orElse(null);
                      process = find(r).orElse(null);
                      log(
                          "desired entry deleted while the agent was down; revision "
                              + r.revision()
                              + (process == null
                                  ? ", pid " + r.pid() + " is gone"
                                  : ", stopping pid " + r.pid()));
                    });
          }
          stop("DeviceProcess removed");
          stopStrays(strays);
          uninstall();
          forget();
          cache.release(name);
          if (name.equals(id.localName())) { // else its status was under a key no one reads now
            publisher.remove(id);
          }
          log("stopped and removed");
          thread.shutdown();
        });
  }

  /** Removes what the backend installed for this process (its unit, script or container). */
  private void uninstall() {
    if (backend == null) {
      return;
    }
    try {
      backend.remove(name);
    } catch (IOException e) {
      log("cannot remove what the " + backend.name() + " backend installed: " + e.getMessage());
    }
  }

  private void doApply(DesiredProcess next) {
    if (desired != null
        && Objects.equals(desired.revision(), next.revision())
        && desired.generation() == next.generation()
        && Objects.equals(desired.spec(), next.spec())) {
      // the same spec with its pull secret created or rotated: nothing restarts for that
      boolean retry =
          waitingForPullSecret && !Objects.equals(desired.pullSecret(), next.pullSecret());
      desired = next;
      if (retry) {
        waitingForPullSecret = false;
        log("pull secret changed, fetching again");
        prepare();
      }
      return;
    }
    boolean first = desired == null;
    cancelTimers();
    waitingForPullSecret = false;
    if (process != null) {
      stop("Replaced by revision " + next.revision());
    }
    desired = next;
    List<MarkedProcess> strays = first ? orphans.take(name) : List.of();
    Optional<ProcessRecord> saved = first ? saved(strays) : Optional.empty();
    Resumption resumption = saved.map(r -> resume(r, next)).orElse(Resumption.START);
    stopStrays(strays);
    if (resumption == Resumption.ADOPT) {
      return;
    }
    crashLoop.reset();
    artifact = null;
    image = null;
    downloadAttempts = 0;
    status.target(next.revision(), next.generation(), ArtifactVersion.of(next.spec().artifact()));
    if (resumption == Resumption.RESTART || resumption == Resumption.SETTLE) {
      status.endedUnobserved(
          saved.orElseThrow().restartCount(), resumption == Resumption.RESTART, ENDED_WHILE_DOWN);
    }
    if (resumption == Resumption.SETTLE) {
      status.phase(ProcessPhase.Failed);
      status.condition(ProcessStatus.PROCESS_STARTED, false, "Exited", ENDED_WHILE_DOWN);
      status.condition(ProcessStatus.HEALTHY, false, "NotRunning", "process ended");
      report();
      log("not restarted (restartPolicy Never): " + ENDED_WHILE_DOWN);
      return;
    }
    status.phase(ProcessPhase.Pending);
    status.conditionUnknown(
        ProcessStatus.ARTIFACT_DOWNLOADED, "Downloading", next.spec().artifact().url());
    status.condition(ProcessStatus.PROCESS_STARTED, false, "Pending", "waiting for the artifact");
    status.conditionUnknown(ProcessStatus.HEALTHY, "Pending", "not started");
    Optional<Backend> chosen = backends.forSpec(next.spec().execution().backend());
    if (backend != null && chosen.filter(b -> b == backend).isEmpty()) {
      uninstall(); // the new revision runs elsewhere: the old unit or script must not linger
    }
    if (chosen.isEmpty()) {
      refuse("BackendUnsupported", backends.unsupportedMessage(next.spec().execution().backend()));
      return;
    }
    backend = chosen.get();
    try {
      Limits.of(next.spec().execution().resources());
    } catch (IllegalArgumentException e) {
      refuse("InvalidResources", e.getMessage());
      return;
    }
    report();
    log("new desired state, fetching " + next.spec().artifact().url());
    prepare();
  }

  /** A spec this agent cannot run: Failed, never started, and the condition says why. */
  private void refuse(String reason, String message) {
    status.phase(ProcessPhase.Failed);
    status.condition(ProcessStatus.PROCESS_STARTED, false, reason, message);
    status.condition(ProcessStatus.HEALTHY, false, "NotRunning", "not started");
    report();
    log(reason + ": " + message);
  }

  /**
   * What a previous agent left of this process: its state file, or when that is lost (the state dir
   * deleted), the first of the processes found by their environment marker, taken for its record.
   */
  private Optional<ProcessRecord> saved(List<MarkedProcess> strays) {
    Optional<ProcessRecord> saved = store.load(name);
    if (saved.isPresent() || strays.isEmpty()) {
      return saved;
    }
    MarkedProcess found = strays.get(0);
    log(
        "no state file, but pid "
            + found.pid()
            + " of revision "
            + found.marker().revision()
            + " carries this process's marker in its environment");
    return Optional.of(found.toRecord());
  }

  /**
   * Stops every process found by its marker that is not the one now supervised: instances an
   * earlier agent started and lost track of, so exactly one runs.
   */
  private void stopStrays(List<MarkedProcess> strays) {
    for (MarkedProcess stray : strays) {
      if (process != null && process.pid() == stray.pid()) {
        continue;
      }
      Optional<RunningProcess> running =
          backendNamed(stray.marker().backend())
              .flatMap(b -> b.takeOver(name, stray.pid(), stray.startedAt()));
      if (running.isPresent()) {
        terminateAndWait(running.get());
        log(
            "stopped pid "
                + stray.pid()
                + " (revision "
                + stray.marker().revision()
                + "), a second instance an earlier agent left running");
      }
    }
  }

  /**
   * On the first desired state after the agent started, with the process the state file names:
   * adopt it when it still runs this very spec, stop it when it runs another (so there is never a
   * duplicate), and when it ended while the agent was down say whether to restart it.
   */
  private Resumption resume(ProcessRecord record, DesiredProcess next) {
    // what it ran on: if the desired spec picks another backend, what this one installed is removed
    backend = recordBackend(record).orElse(null);
    Optional<RunningProcess> running = find(record);
    boolean sameSpec =
        Objects.equals(record.revision(), next.revision())
            && record.generation() == next.generation()
            && record.specDigest().equals(specDigest(next));
    Resumption resumption =
        Resumption.decide(
            running.isPresent(),
            sameSpec,
            recordBackend(record).map(Backend::pullsImage).orElse(false)
                || Files.isRegularFile(Path.of(record.artifactPath())),
            next.spec().restartPolicy());
    switch (resumption) {
      case ADOPT -> adopt(record, running.orElseThrow(), next);
      case REPLACE -> {
        process = running.orElseThrow();
        log("pid " + record.pid() + " runs revision " + record.revision() + ", stopping it");
        stop("Replaced by revision " + next.revision());
        forget();
      }
      case START -> {
        log("pid " + record.pid() + " of revision " + record.revision() + " is gone");
        forget();
      }
      case RESTART, SETTLE -> {
        log(
            "pid "
                + record.pid()
                + " ended while the agent was down (restarts so far "
                + record.restartCount()
                + ")");
        forget();
      }
    }
    return resumption;
  }

  /**
   * The process a state file names, if it still runs (same pid and OS start time): as its backend
   * adopts it, or takes it over as a process found by its marker (an init script's pid file is lost
   * with the state dir).
   */
  private Optional<RunningProcess> find(ProcessRecord record) {
    Instant startedAt = Instant.parse(record.processStartedAt());
    return recordBackend(record)
        .flatMap(
            b ->
                b.adopt(name, record.pid(), startedAt)
                    .or(() -> b.takeOver(name, record.pid(), startedAt)));
  }

  private Optional<Backend> recordBackend(ProcessRecord record) {
    return backendNamed(record.backend());
  }

  /** The backend of this name ({@link Backend#name()}), if this agent has it. */
  private Optional<Backend> backendNamed(String backendName) {
    try {
      return backends.forSpec(
          io.rollwave.api.process.Backend.valueOf(backendName.toUpperCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void adopt(ProcessRecord record, RunningProcess running, DesiredProcess next) {
    backend = recordBackend(record).orElseThrow();
    if (backend.pullsImage()) {
      image = record.artifactPath();
    } else {
      artifact = Path.of(record.artifactPath());
      pins =
          new ArtifactCache.Pins(
              artifact,
              Optional.of(record.previousArtifactPath()).filter(p -> !p.isEmpty()).map(Path::of));
      cache.restore(name, pins);
    }
    status.target(next.revision(), next.generation(), ArtifactVersion.of(next.spec().artifact()));
    status.adopted(record.pid(), record.startTime(), record.restartCount());
    status.phase(ProcessPhase.Running);
    status.condition(
        ProcessStatus.ARTIFACT_DOWNLOADED,
        true,
        "Downloaded",
        "SHA-256 " + next.spec().artifact().checksumSHA256() + " verified");
    status.condition(
        ProcessStatus.PROCESS_STARTED,
        true,
        "Adopted",
        "pid " + record.pid() + " adopted after an agent restart");
    adopted = true;
    runningSince = running.startedAt();
    remember(running); // a record rebuilt from the marker has no state file yet
    running(running, next.spec());
    log(
        "adopted pid "
            + record.pid()
            + " (restarts "
            + record.restartCount()
            + ") left running by the previous agent");
  }

  private void prepare() {
    DeviceProcessSpec spec = desired.spec();
    if (backend.pullsImage()) {
      try {
        image = ContainerImage.reference(spec.artifact());
      } catch (IllegalArgumentException e) {
        status.condition(
            ProcessStatus.ARTIFACT_DOWNLOADED, false, "ArtifactNotAnImage", e.getMessage());
        status.phase(ProcessPhase.Failed);
        report();
        log("ArtifactNotAnImage: " + e.getMessage());
        return;
      }
    }
    Optional<RegistryCredentials> delivered = deliveredCredentials();
    if (delivered.isEmpty()) {
      return; // the operator publishes again when the Secret is created or mended
    }
    if (image != null) {
      start(); // the engine pulls, with the pull secret's document (Launches)
      return;
    }
    // pinned before the download, so no other process's eviction removes it before it starts
    pins = cache.use(name, cache.pathOf(spec.artifact().checksumSHA256()));
    try {
      artifact = fetcher.fetch(spec.artifact(), delivered.get());
      status.condition(
          ProcessStatus.ARTIFACT_DOWNLOADED,
          true,
          "Downloaded",
          "SHA-256 " + spec.artifact().checksumSHA256() + " verified");
      start();
    } catch (ArtifactException e) {
      counters.artifactFetchFailed();
      if (e.retryable()) {
        Duration delay = DOWNLOAD_BACKOFF.withJitter(++downloadAttempts, random);
        String message =
            e.getMessage()
                + " (attempt "
                + downloadAttempts
                + ", retrying in "
                + delay.toMillis()
                + " ms)";
        status.condition(ProcessStatus.ARTIFACT_DOWNLOADED, false, e.reason(), message);
        status.phase(ProcessPhase.Pending);
        retryTask = thread.schedule(this::prepare, delay.toMillis(), TimeUnit.MILLISECONDS);
        log(e.reason() + ": " + message);
      } else {
        status.condition(ProcessStatus.ARTIFACT_DOWNLOADED, false, e.reason(), e.getMessage());
        status.phase(ProcessPhase.Failed);
        log(e.reason() + ": " + e.getMessage());
      }
      report();
    }
  }

  /**
   * The credentials of the pull secret delivered with the desired state (none when the artifact
   * names none); empty, with the process left Pending and ArtifactDownloaded=False saying why, when
   * the operator could not read the Secret or its document is not a Docker config.
   */
  private Optional<RegistryCredentials> deliveredCredentials() {
    PullSecret secret = desired.pullSecret();
    if (secret == null) {
      return Optional.of(RegistryCredentials.NONE);
    }
    String problem = secret.problem();
    if (problem == null) {
      try {
        return Optional.of(
            RegistryCredentials.parse(
                secret.dockerConfigJson(),
                "pull secret " + desired.namespace() + "/" + secret.name()));
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    status.condition(ProcessStatus.ARTIFACT_DOWNLOADED, false, "PullSecretUnavailable", problem);
    status.phase(ProcessPhase.Pending);
    waitingForPullSecret = true;
    report();
    log("PullSecretUnavailable: " + problem);
    return Optional.empty();
  }

  private void start() {
    DeviceProcessSpec spec = desired.spec();
    Map<String, String> env = environment(spec);
    runningSince = clock.instant();
    try {
      Path workDir =
          spec.execution().workingDir() != null
              ? Path.of(spec.execution().workingDir())
              : Files.createDirectories(stateDir.resolve("work").resolve(name));
      Path logFile = Files.createDirectories(stateDir.resolve("logs")).resolve(name + ".log");
      LaunchSpec launch =
          Launches.of(
              name,
              spec,
              env,
              workDir,
              logFile,
              Optional.ofNullable(image),
              Optional.ofNullable(desired.pullSecret()));
      RunningProcess started = backend.start(launch);
      if (image != null) {
        status.condition(
            ProcessStatus.ARTIFACT_DOWNLOADED,
            true,
            "Pulled",
            "image "
                + image
                + " pulled"
                + (launch.pullSecret().isEmpty()
                    ? ""
                    : " with pull secret " + desired.pullSecret().name())
                + " and its digest verified by the container engine");
      }
      adopted = false;
      status.started(started.pid());
      status.phase(ProcessPhase.Running);
      String unenforced =
          launch.limits().any() && !backend.enforcesLimits()
              ? "; resources.limits not enforced: the "
                  + backend.name()
                  + " backend has no cgroup to apply them to (use systemd or container)"
              : "";
      status.condition(
          ProcessStatus.PROCESS_STARTED, true, "Started", "pid " + started.pid() + unenforced);
      remember(started);
      running(started, spec);
      log("started pid " + started.pid() + unenforced);
      evictOldArtifacts();
    } catch (IOException e) {
      status.condition(ProcessStatus.PROCESS_STARTED, false, "StartFailed", e.getMessage());
      status.stopped("Start failed: " + e.getMessage());
      log("cannot start: " + e.getMessage());
      afterExit(true);
    }
  }

  /** Watches a started or adopted process: its end, and its health. */
  private void running(RunningProcess started, DeviceProcessSpec spec) {
    process = started;
    started.onExit().thenAccept(code -> thread.execute(() -> exited(started, code)));
    HealthCheck check = spec.healthCheck();
    if (check == null) {
      status.condition(ProcessStatus.HEALTHY, true, "NoHealthCheck", "no health check configured");
    } else {
      status.conditionUnknown(ProcessStatus.HEALTHY, "Probing", "waiting for the first probe");
      scheduleProbes(check, environment(spec), workDir(spec));
    }
    report();
  }

  private Path workDir(DeviceProcessSpec spec) {
    return spec.execution().workingDir() != null
        ? Path.of(spec.execution().workingDir())
        : stateDir.resolve("work").resolve(name);
  }

  private void remember(RunningProcess started) {
    try {
      store.save(
          new ProcessRecord(
              name,
              backend.name(),
              desired.revision(),
              desired.generation(),
              specDigest(desired),
              artifact != null ? artifact.toString() : image,
              started.pid(),
              started.startedAt().toString(),
              status.toStatus().startTime(),
              status.toStatus().restartCount(),
              pins == null ? "" : pins.previous().map(Path::toString).orElse("")));
    } catch (IOException e) {
      log(
          "cannot write the state file ("
              + e.getMessage()
              + "); after an agent restart this process would be started again, check "
              + stateDir);
    }
  }

  /** Deletes cached artifacts that no process runs or would roll back to. */
  private void evictOldArtifacts() {
    Optional<List<ProcessRecord>> records = store.loadAll();
    if (records.isEmpty()) {
      return;
    }
    List<Path> remembered = new ArrayList<>();
    for (ProcessRecord r : records.get()) {
      remembered.add(Path.of(r.artifactPath()));
      if (!r.previousArtifactPath().isEmpty()) {
        remembered.add(Path.of(r.previousArtifactPath()));
      }
    }
    try {
      for (Path gone : cache.evict(remembered)) {
        log("evicted cached artifact " + gone.getFileName());
      }
    } catch (IOException e) {
      log("cannot prune the artifact cache: " + e.getMessage());
    }
  }

  private void forget() {
    try {
      store.delete(name);
    } catch (IOException e) {
      log("cannot delete the state file: " + e.getMessage());
    }
  }

  /** The SHA-256 of the spec's JSON, written as Jackson wrote it for earlier agents. */
  private static String specDigest(DesiredProcess d) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(JsonWriter.toBytes(d.spec(), DeviceProcessSpecJson::write)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot digest the spec of " + d.deviceProcess(), e);
    }
  }

  /**
   * The spec's environment, then the marker (artifact, device, DeviceProcess, backend and spec),
   * last so that the spec cannot forge it: how a restarted agent that lost its state dir finds the
   * process again.
   */
  private Map<String, String> environment(DeviceProcessSpec spec) {
    Map<String, String> env = new LinkedHashMap<>();
    if (spec.execution().env() != null) {
      for (EnvVar v : spec.execution().env()) {
        env.put(v.name(), v.value() == null ? "" : v.value());
      }
    }
    env.putAll(
        new ProcessMarker(
                device.toString(),
                name,
                backend.name(),
                desired.revision(),
                desired.generation(),
                specDigest(desired),
                artifact != null ? artifact.toString() : image)
            .env());
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
    if (!ok) {
      counters.healthCheckFailed();
    }
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
        RunningProcess unhealthy = process;
        killReason = "Health check failed";
        unhealthy.terminate();
        thread.schedule(
            () -> {
              if (unhealthy.isAlive()) {
                unhealthy.kill();
              }
            },
            GRACE_PERIOD.toMillis(),
            TimeUnit.MILLISECONDS);
      }
    }
    report();
  }

  private void exited(RunningProcess p, OptionalInt code) {
    if (p != process || stopping) {
      return;
    }
    cancelProbes();
    boolean killedForHealth = killReason != null;
    String ended =
        code.isPresent()
            ? ExitPolicy.terminationReason(code.getAsInt())
            : "Exited, exit code unknown ("
                + (adopted
                    ? "adopted after an agent restart"
                    : "not the agent's child, and " + backend.name() + " did not say")
                + ")";
    String reason = killedForHealth ? killReason + " (" + ended + ")" : ended;
    killReason = null;
    process = null;
    status.stopped(reason);
    status.condition(ProcessStatus.PROCESS_STARTED, false, "Exited", reason);
    log("process exited: " + reason);
    afterExit(code.orElse(1) != 0 || killedForHealth);
  }

  /**
   * After the process ended by itself (or failed to start): restart per policy after the crash
   * loop's back-off, in phase CrashLoopBackOff meanwhile, or settle in Succeeded or Failed.
   */
  private void afterExit(boolean failed) {
    Duration ran = Duration.between(runningSince, clock.instant());
    CrashLoop.Next next = crashLoop.ended(desired.spec().restartPolicy(), failed, ran);
    status.phase(next.phase());
    if (next.backOff().isPresent()) {
      status.restarted();
      counters.processRestarted();
      Duration delay = Backoff.jittered(next.backOff().get(), random);
      String waiting =
          "back-off "
              + delay.toMillis()
              + " ms restarting the process (restart "
              + status.toStatus().restartCount()
              + "); it ended: "
              + status.toStatus().lastTerminationReason();
      status.condition(ProcessStatus.PROCESS_STARTED, false, "CrashLoopBackOff", waiting);
      status.condition(
          ProcessStatus.HEALTHY, false, "BackOff", "restarting in " + delay.toMillis() + " ms");
      retryTask = thread.schedule(this::start, delay.toMillis(), TimeUnit.MILLISECONDS);
      log("CrashLoopBackOff: " + waiting);
    } else {
      forget();
      status.condition(ProcessStatus.HEALTHY, false, "NotRunning", "process ended");
    }
    report();
  }

  /** Stops the running process: SIGTERM, the grace period, then SIGKILL. */
  private void stop(String reason) {
    cancelProbes();
    RunningProcess p = process;
    if (p == null) {
      return;
    }
    stopping = true;
    try {
      terminateAndWait(p);
    } finally {
      stopping = false;
      process = null;
    }
    status.stopped(reason);
    log("stopped pid " + p.pid() + ": " + reason);
  }

  /** SIGTERM, the grace period, then SIGKILL; returns once it ended. */
  private void terminateAndWait(RunningProcess p) {
    try {
      p.terminate();
      try {
        p.onExit().get(GRACE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        log(
            "did not stop within "
                + GRACE_PERIOD.toSeconds()
                + " s of SIGTERM, killing pid "
                + p.pid());
        p.kill();
        p.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.kill();
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      log("pid " + p.pid() + " did not end after SIGKILL: " + e);
    }
  }

  private void report() {
    publisher.publish(
        new ReportedStatus(id.namespace(), id.name(), status.generation(), status.toStatus()));
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
        id,
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
                forget();
              })
          .get(GRACE_PERIOD.toSeconds() + 10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("device {} dp {}: stopping on shutdown: {}", device, id, e.toString());
    }
    thread.shutdownNow();
  }
}
