package io.rollwave.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.Heartbeat;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated device agents, any number in one process on one NATS connection and one timer thread:
 * each desired entry is answered, after a time drawn from the configured range, with a Running and
 * healthy status for its revision (or Failed, at the configured rate), unless a newer desired entry
 * replaced it meanwhile: a device reports only its current desired revision, as a real agent does.
 * A version can be set to fail, crash-loop or stay silent. Devices held back answer nothing until
 * released. No thread per device; status and heartbeats are published asynchronously.
 */
public final class FleetSimulator implements KeyValueWatcher, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSimulator.class);
  private static final ObjectMapper JSON = NatsJson.MAPPER;

  /**
   * How simulated devices behave: time to ready in milliseconds, the share that fail, and how often
   * each device's agent heartbeats.
   */
  public record Behaviour(
      long minReadyMillis,
      long maxReadyMillis,
      double failureRate,
      long seed,
      long heartbeatMillis) {
    public Behaviour(long minReadyMillis, long maxReadyMillis, double failureRate, long seed) {
      this(minReadyMillis, maxReadyMillis, failureRate, seed, 5_000);
    }

    public Behaviour {
      if (minReadyMillis < 0 || maxReadyMillis < minReadyMillis) {
        throw new IllegalArgumentException(
            "time to ready must satisfy 0 <= min <= max, got "
                + minReadyMillis
                + ".."
                + maxReadyMillis);
      }
      if (heartbeatMillis < 10) {
        throw new IllegalArgumentException(
            "heartbeat period must be at least 10 ms, got " + heartbeatMillis);
      }
      if (failureRate < 0 || failureRate > 1) {
        throw new IllegalArgumentException("failure rate must be within 0..1, got " + failureRate);
      }
    }

    public static Behaviour instant() {
      return new Behaviour(0, 0, 0, 1, 1_000);
    }
  }

  /** What every device does with one version, whatever the behaviour's failure rate says. */
  public enum Outcome {
    /** Running and healthy (or Failed at the behaviour's rate). */
    READY,
    /** Failed, Healthy=False: a bad build. */
    FAIL,
    /** Started, then crashes again and again: restartCount grows, Healthy=False. */
    CRASH_LOOP,
    /** Reports nothing for this version: the rollout's progress deadline must catch it. */
    SILENT
  }

  /** Told of every status a simulated agent sends, as it sends it. */
  public interface ReportListener {
    void reported(String namespace, String deviceProcess, String revision, Instant at);
  }

  private static final long CRASH_LOOP_MILLIS = 2_000;
  private static final int MAX_IN_FLIGHT = 4_096;

  private final KvSink writer;
  private volatile ReportListener listener = (ns, dp, rev, at) -> {};
  private final Set<String> devices = ConcurrentHashMap.newKeySet();
  private final Set<String> silenced = ConcurrentHashMap.newKeySet();
  private final Behaviour behaviour;
  private final Random random;
  private final ScheduledExecutorService timer;
  private final Set<String> heldBack = ConcurrentHashMap.newKeySet();
  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Keyed> waiting = new ConcurrentHashMap<>();

  /** The newest desired entry of each process key: the only one a device reports on. */
  private final Map<String, DesiredProcess> current = new ConcurrentHashMap<>();

  private final LongSupplier readyDelay;
  private NatsKeyValueWatchSubscription subscription;

  /** A desired entry and the key it came under. */
  private record Keyed(String key, DesiredProcess desired) {}

  public FleetSimulator(Connection nats, Behaviour behaviour) throws IOException {
    this(nats, behaviour, ">");
  }

  /**
   * Simulates the devices of one namespace only, watching only their desired keys: what a
   * credential scoped to that namespace ({@code SimulatorPermissions}) allows.
   */
  public static FleetSimulator ofNamespace(Connection nats, Behaviour behaviour, String namespace)
      throws IOException {
    return new FleetSimulator(nats, behaviour, DeviceKey.namespacePrefix(namespace) + ">");
  }

  private FleetSimulator(Connection nats, Behaviour behaviour, String keys) throws IOException {
    this(new AsyncKvWriter(nats, MAX_IN_FLIGHT), behaviour, null, timer());
    try {
      this.subscription = nats.keyValue(Buckets.DESIRED).watch(keys, this);
    } catch (Exception e) {
      timer.shutdownNow();
      throw new IOException("cannot watch desired state: " + e.getMessage(), e);
    }
  }

  /**
   * Without NATS, for tests: puts go to {@code writer}, desired entries come through {@link
   * #desired}, each waits {@code readyDelay} ms (null: drawn from the behaviour) on {@code timer}.
   */
  FleetSimulator(
      KvSink writer, Behaviour behaviour, LongSupplier readyDelay, ScheduledExecutorService timer) {
    this.writer = writer;
    this.behaviour = behaviour;
    this.random = new Random(behaviour.seed());
    this.readyDelay = readyDelay != null ? readyDelay : this::drawReadyDelay;
    this.timer = timer;
    timer.scheduleWithFixedDelay(
        this::heartbeat,
        behaviour.heartbeatMillis(),
        behaviour.heartbeatMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static ScheduledExecutorService timer() {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, "fleet-simulator");
          t.setDaemon(true);
          return t;
        });
  }

  /** The agent of {@code deviceKey} stops heartbeating (as if it died) until {@link #unsilence}. */
  public void silence(String deviceKey) {
    silenced.add(deviceKey);
  }

  public void unsilence(String deviceKey) {
    silenced.remove(deviceKey);
  }

  private void heartbeat() {
    String now = Instant.now().toString();
    for (String device : devices) {
      if (silenced.contains(device)) {
        continue;
      }
      try {
        writer.put(
            Buckets.HEARTBEAT,
            device,
            JSON.writeValueAsBytes(new Heartbeat(device, now, "simulator")));
      } catch (IOException e) {
        LOG.debug("simulator: heartbeat of {} not sent: {}", device, e.toString());
      }
    }
  }

  /** Every device reports {@code version} failed (a bad build): phase Failed, Healthy=False. */
  public void failVersion(String version) {
    outcome(version, Outcome.FAIL);
  }

  /** Every device does {@code outcome} with {@code version}. */
  public void outcome(String version, Outcome outcome) {
    outcomes.put(version, outcome);
  }

  /** {@code listener} hears of every status sent from now on. */
  public void listener(ReportListener listener) {
    this.listener = listener;
  }

  /** Status and heartbeat puts NATS did not acknowledge, even after retries. */
  public long failedPuts() {
    return writer.failed();
  }

  /** Waits until every status and heartbeat sent so far is acknowledged by NATS. */
  public void drain() throws InterruptedException {
    writer.drain();
  }

  /** The DeviceProcess {@code deviceProcess} answers nothing until {@link #release}. */
  public void holdBack(String deviceProcess) {
    heldBack.add(deviceProcess);
  }

  public void release(String deviceProcess) {
    heldBack.remove(deviceProcess);
    Keyed desired = waiting.remove(deviceProcess);
    if (desired != null) {
      timer.execute(() -> report(desired));
    }
  }

  @Override
  public void watch(KeyValueEntry entry) {
    if (entry.getOperation() != KeyValueOperation.PUT) {
      deleted(entry.getKey());
      return;
    }
    DesiredProcess desired;
    try {
      desired = JSON.readValue(entry.getValue(), DesiredProcess.class);
    } catch (IOException e) {
      LOG.warn(
          "simulator: unreadable desired state {} skipped: {}", entry.getKey(), e.getMessage());
      return;
    }
    desired(entry.getKey(), desired);
  }

  /** The desired entry under {@code key} was deleted: nothing more is reported for it. */
  void deleted(String key) {
    current.remove(key);
  }

  /** The desired entry under {@code key} is now {@code desired}: answer it after a while. */
  void desired(String key, DesiredProcess desired) {
    devices.add(deviceKeyOf(desired).key());
    current.put(key, desired);
    Keyed keyed = new Keyed(key, desired);
    if (heldBack.contains(desired.deviceProcess())) {
      waiting.put(desired.deviceProcess(), keyed);
      return;
    }
    timer.schedule(() -> report(keyed), readyDelay.getAsLong(), TimeUnit.MILLISECONDS);
  }

  private long drawReadyDelay() {
    synchronized (random) {
      return behaviour.minReadyMillis()
          + (long)
              (random.nextDouble() * (behaviour.maxReadyMillis() - behaviour.minReadyMillis()));
    }
  }

  /** Whether {@code keyed} is still its key's desired entry (not replaced, not deleted). */
  private boolean isCurrent(Keyed keyed) {
    return keyed.desired().equals(current.get(keyed.key()));
  }

  private Outcome outcomeOf(DesiredProcess desired) {
    return outcomes.getOrDefault(versionOf(desired), Outcome.READY);
  }

  @Override
  public void endOfData() {}

  private void report(Keyed keyed) {
    if (!isCurrent(keyed)) {
      return; // superseded within the ready delay: the newer entry's report is the one to send
    }
    DesiredProcess desired = keyed.desired();
    Outcome outcome = outcomeOf(desired);
    if (outcome == Outcome.SILENT) {
      return;
    }
    if (outcome == Outcome.CRASH_LOOP) {
      crash(keyed, 1);
      return;
    }
    boolean fails = outcome == Outcome.FAIL;
    synchronized (random) {
      fails |= random.nextDouble() < behaviour.failureRate();
    }
    send(
        keyed,
        fails ? ProcessPhase.Failed : ProcessPhase.Running,
        !fails,
        0,
        fails ? "Health check failed (simulated)" : null);
  }

  /** One crash of a crash-looping device, then the next one while its desired entry is the same. */
  private void crash(Keyed keyed, int restarts) {
    if (!isCurrent(keyed)) {
      return;
    }
    send(keyed, ProcessPhase.Running, false, restarts, "Exited with code 1 (simulated)");
    timer.schedule(() -> crash(keyed, restarts + 1), CRASH_LOOP_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void send(
      Keyed keyed, ProcessPhase phase, boolean healthy, int restarts, String lastTermination) {
    DesiredProcess desired = keyed.desired();
    Instant at = Instant.now();
    String now = at.toString();
    DeviceProcessStatus s =
        new DeviceProcessStatus(
            phase,
            List.of(
                new Condition("ArtifactDownloaded", ConditionStatus.TRUE, null, null, now, null),
                new Condition("ProcessStarted", ConditionStatus.TRUE, null, null, now, null),
                new Condition(
                    "Healthy",
                    healthy ? ConditionStatus.TRUE : ConditionStatus.FALSE,
                    healthy ? null : "SimulatedFailure",
                    healthy ? null : "health check failed (simulated)",
                    now,
                    null)),
            versionOf(desired),
            phase == ProcessPhase.Running
                ? 1000L + Math.abs(desired.deviceProcess().hashCode() % 60000)
                : null,
            now,
            restarts,
            lastTermination,
            desired.revision(),
            desired.generation());
    String key = keyed.key();
    try {
      writer.put(
          Buckets.STATUS,
          key,
          JSON.writeValueAsBytes(
              new ReportedStatus(
                  desired.namespace(), desired.deviceProcess(), desired.generation(), s)));
      listener.reported(desired.namespace(), desired.deviceProcess(), desired.revision(), at);
    } catch (IOException e) {
      LOG.warn("simulator: cannot report {}: {}", key, e.toString());
    }
  }

  private static DeviceKey deviceKeyOf(DesiredProcess desired) {
    return DeviceKey.of(desired.spec().deviceRef(), desired.namespace());
  }

  private static String versionOf(DesiredProcess desired) {
    var artifact = desired.spec().artifact();
    if (artifact.version() != null) {
      return artifact.version();
    }
    String url = artifact.url();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    if (subscription != null) {
      subscription.unsubscribe();
    }
    timer.shutdownNow();
  }
}
