package io.rollwave.agent;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.rollwave.agent.artifact.ArtifactCache;
import io.rollwave.agent.artifact.ArtifactFetcher;
import io.rollwave.agent.artifact.ArtifactTrust;
import io.rollwave.agent.artifact.oci.RegistryCredentials;
import io.rollwave.agent.backend.Backends;
import io.rollwave.agent.identity.AuthErrors;
import io.rollwave.agent.identity.CredentialAuth;
import io.rollwave.agent.identity.CredentialRenewal;
import io.rollwave.agent.identity.DeviceCredential;
import io.rollwave.agent.identity.DeviceIdentity;
import io.rollwave.agent.identity.Enroller;
import io.rollwave.agent.identity.EnrollmentToken;
import io.rollwave.agent.json.DesiredProcessJson;
import io.rollwave.agent.json.StatusJson;
import io.rollwave.agent.state.MarkedProcesses;
import io.rollwave.agent.state.ProcessStateStore;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.Heartbeat;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.nats.identity.IdentitySubjects;
import io.rollwave.tls.TlsFailureListener;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's agent: watches its desired entries in NATS KV, keeps a {@link ProcessSupervisor} per
 * DeviceProcess, reports status and a heartbeat. Speaks only NATS; knows nothing of Kubernetes.
 */
public final class Agent implements KeyValueWatcher, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  static final String VERSION = "0.1.0";
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int STREAM_NAME_IN_USE = 10058;

  private final AgentConfig config;

  /** One per DeviceProcess, by namespace and name: same-named ones of two namespaces are two. */
  private final Map<ProcessId, ProcessSupervisor> supervisors = new ConcurrentHashMap<>();

  /** Every DeviceProcess whose desired entry is present, readable or not. */
  private final Set<ProcessId> desiredNames = ConcurrentHashMap.newKeySet();

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "agent-timer");
            t.setDaemon(true);
            return t;
          });
  private final ArtifactFetcher fetcher;
  private final Counters counters = new Counters();
  private final Backends backends;
  private final ProcessStateStore store;
  private final ArtifactCache cache;
  private Connection connection;
  private DeviceBuckets buckets;
  private StatusPublisher publisher;
  private DeviceIdentity identity;

  /** Processes earlier agents of this device started, found at start by their marker. */
  private volatile MarkedProcesses orphans = MarkedProcesses.NONE;

  public Agent(AgentConfig config) throws IOException {
    this.config = config;
    this.fetcher =
        new ArtifactFetcher(
            config.stateDir(),
            config.allowInsecureHttp(),
            ArtifactTrust.lazy(config.caFiles()),
            config.registryAuth().map(RegistryCredentials::load).orElse(RegistryCredentials.NONE));
    this.identity = DeviceIdentity.load(config);
    this.store = new ProcessStateStore(config.stateDir());
    this.cache = new ArtifactCache(config.stateDir());
    this.backends =
        Backends.standard(
            config.stateDir(), config.backendSettings(), ProcessSupervisor.GRACE_PERIOD);
  }

  /** Connects (retrying forever), ensures the buckets, starts the heartbeat and the watch. */
  public Agent start() throws IOException, InterruptedException {
    // a TLS failure (wrong CA, a name the certificate lacks, no client certificate) is said once,
    // as one line; the agent keeps retrying, as for any outage, and its processes keep running
    TlsFailureListener tls =
        new TlsFailureListener(
            config.nats(), line -> LOG.error("device {}: {}", config.device(), line));
    // jnats reports DISCONNECTED for every failed reconnect attempt: say it once per outage
    AtomicBoolean unreachable = new AtomicBoolean();
    ConnectionListener listener =
        (conn, event) -> {
          if (event == ConnectionListener.Events.CONNECTED
              || event == ConnectionListener.Events.RECONNECTED) {
            tls.connected(); // a TLS failure after this one is said again
          }
          if (event == ConnectionListener.Events.RECONNECTED && publisher != null) {
            unreachable.set(false);
            LOG.info("device {}: reconnected to NATS, sending the newest status", config.device());
            timer.execute(publisher::flush);
          } else if (event == ConnectionListener.Events.DISCONNECTED
              && unreachable.compareAndSet(false, true)) {
            LOG.warn(
                "device {}: NATS unreachable, processes keep running on the last known spec",
                config.device());
          }
        };
    if (config.nats().insecure()) {
      LOG.warn("device {}: {}", config.device(), config.nats().describe());
    }
    Options.Builder options =
        config
            .nats()
            .options()
            .connectionName("rollwave-agent " + config.device())
            .maxReconnects(-1)
            .reconnectWait(Duration.ofSeconds(1))
            .connectionListener(listener)
            .errorListener(new AuthErrors(config.device(), tls));
    if (identity.token().isPresent()) {
      identity = identity.enrolled(enroll(identity.token().get()));
    }
    Optional<CredentialAuth> auth = identity.auth();
    auth.ifPresent(
        a -> options.authHandler(a).inboxPrefix(IdentitySubjects.inboxPrefix(config.device())));
    connection = Nats.connectReconnectOnConnect(options.build());
    if (auth.isEmpty()) {
      ensureBuckets(); // an open NATS: whoever comes first creates the buckets
    }
    buckets = new DeviceBuckets(connection, config.device());
    publisher = new StatusPublisher(config.device(), buckets);
    timer.scheduleWithFixedDelay(this::beat, 0, config.heartbeatSeconds(), TimeUnit.SECONDS);
    timer.scheduleWithFixedDelay(publisher::flush, 5, 5, TimeUnit.SECONDS);
    orphans = MarkedProcesses.scan(config.device().toString());
    watchDesired();
    auth.ifPresent(
        a ->
            new CredentialRenewal(config.device(), a, identity.file(), timer, Clock.systemUTC())
                .start(connection));
    LOG.info(
        "device {}: agent {} watching {} on {}",
        config.device(),
        VERSION,
        config.device().processFilter(),
        config.natsUrl());
    return this;
  }

  /**
   * The operator creates the buckets too; whichever comes first does, with the same settings. Until
   * JetStream answers (NATS down, JetStream off), retry and say so.
   */
  private void ensureBuckets() throws InterruptedException {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    for (int attempt = 1; ; attempt++) {
      try {
        KeyValueManagement kvm = connection.keyValueManagement();
        for (String bucket : List.of(Buckets.DESIRED, Buckets.STATUS, Buckets.HEARTBEAT)) {
          ensureBucket(kvm, bucket);
        }
        return;
      } catch (IOException | JetStreamApiException e) {
        Duration delay = backoff.nominal(attempt);
        LOG.warn(
            "device {}: cannot ensure the NATS KV buckets ({}); is JetStream enabled on {}? retrying"
                + " in {} s",
            config.device(),
            e.getMessage(),
            config.natsUrl(),
            delay.toSeconds());
        Thread.sleep(delay.toMillis());
      }
    }
  }

  private void ensureBucket(KeyValueManagement kvm, String bucket)
      throws IOException, JetStreamApiException {
    try {
      kvm.getStatus(bucket);
      return;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
    }
    try {
      kvm.create(
          KeyValueConfiguration.builder()
              .name(bucket)
              .storageType(StorageType.File)
              .maxHistoryPerKey(1)
              .build());
      LOG.info("device {}: created NATS KV bucket {}", config.device(), bucket);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) { // else created concurrently: fine
        throw e;
      }
    }
  }

  /**
   * Trades the enrollment token for the device's credential, retrying while NATS or the operator
   * does not answer; a refusal fails the start with the operator's reason.
   */
  private DeviceCredential enroll(EnrollmentToken token) throws InterruptedException {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    for (int attempt = 1; ; attempt++) {
      try {
        DeviceCredential credential =
            Enroller.enroll(config.nats(), config.device(), token, identity.file());
        LOG.info(
            "device {}: enrolled as {}; credential stored in {}",
            config.device(),
            credential.publicKey(),
            identity.file());
        return credential;
      } catch (IOException e) {
        Duration delay = backoff.nominal(attempt);
        LOG.warn(
            "device {}: cannot enroll yet ({}); retrying in {} s",
            config.device(),
            e.getMessage(),
            delay.toSeconds());
        Thread.sleep(delay.toMillis());
      }
    }
  }

  /**
   * A device credential may not create buckets; until the operator has, the watch is refused: retry
   * and say so.
   */
  private void watchDesired() throws IOException, InterruptedException {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    for (int attempt = 1; ; attempt++) {
      try {
        buckets.watchDesired(this);
        return;
      } catch (IOException | JetStreamApiException e) {
        if (attempt == 1 && identity.auth().isEmpty()) {
          throw new IOException(
              "cannot watch desired state of " + config.device() + ": " + e.getMessage(), e);
        }
        Duration delay = backoff.nominal(attempt);
        LOG.warn(
            "device {}: cannot watch its desired state yet ({}); has the operator created the"
                + " buckets? retrying in {} s",
            config.device(),
            e.getMessage(),
            delay.toSeconds());
        Thread.sleep(delay.toMillis());
      }
    }
  }

  private void beat() {
    try {
      buckets.putHeartbeat(
          StatusJson.write(
              new Heartbeat(
                  config.device().toString(),
                  Clock.systemUTC().instant().toString(),
                  VERSION,
                  counters.snapshot())));
    } catch (Exception e) {
      LOG.debug("device {}: heartbeat not sent: {}", config.device(), e.toString());
    }
  }

  @Override
  public void watch(KeyValueEntry entry) {
    Optional<ProcessId> named = DeviceKey.processOf(entry.getKey());
    if (named.isEmpty()) {
      LOG.warn(
          "device {}: desired key {} is not <device>.<namespace>.<name>, skipped",
          config.device(),
          entry.getKey());
      return;
    }
    ProcessId name = named.get();
    if (entry.getOperation() != KeyValueOperation.PUT) {
      desiredNames.remove(name);
      ProcessSupervisor gone = supervisors.remove(name);
      if (gone != null) {
        gone.remove();
      }
      return;
    }
    desiredNames.add(name);
    DesiredProcess desired;
    try {
      desired = DesiredProcessJson.read(entry.getValue());
    } catch (IOException e) {
      boolean running = supervisors.containsKey(name);
      LOG.error(
          "device {} dp {}: desired state unreadable, skipped{} (the operator must republish it): {}",
          config.device(),
          name,
          running ? "; the last readable spec keeps running" : "",
          e.getMessage());
      if (!running) {
        publisher.publish(
            new ReportedStatus(
                name.namespace(),
                name.name(),
                0,
                ProcessStatus.unreadableDesiredState(Clock.systemUTC(), e.getMessage())));
      }
      return;
    }
    supervisors.computeIfAbsent(name, this::supervisor).apply(desired);
  }

  private ProcessSupervisor supervisor(ProcessId id) {
    return supervisor(id, id.localName());
  }

  private ProcessSupervisor supervisor(ProcessId id, String localName) {
    return new ProcessSupervisor(
        config.device(),
        id,
        localName,
        config.stateDir(),
        fetcher,
        publisher,
        backends,
        store,
        cache,
        orphans,
        counters,
        Clock.systemUTC());
  }

  /**
   * The watch has delivered every desired entry that exists (jnats says so once): only now is a
   * state file without a desired entry known to name a process deleted while the agent was down,
   * which is then stopped and its state and status removed.
   */
  @Override
  public void endOfData() {
    LOG.info("device {}: {} desired processes known", config.device(), desiredNames.size());
    Set<String> saved = new TreeSet<>(orphans.names());
    try {
      saved.addAll(store.names());
    } catch (IOException e) {
      LOG.error(
          "device {}: cannot list the state files ({}); processes whose desired entry was deleted"
              + " while the agent was down are stopped only if found by their marker",
          config.device(),
          e.toString());
    }
    for (String localName : saved) {
      Optional<ProcessId> id = ProcessId.ofLocalName(localName);
      if (id.isEmpty()) {
        LOG.warn(
            "device {}: state file {} is from an agent before keys named the DeviceProcess's"
                + " namespace; stopping its process, the desired entry starts it again",
            config.device(),
            localName);
        supervisor(new ProcessId(config.device().namespace(), localName), localName).remove();
      } else if (!desiredNames.contains(id.get()) && !supervisors.containsKey(id.get())) {
        supervisor(id.get()).remove();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    supervisors.values().forEach(ProcessSupervisor::close);
    if (connection != null) {
      connection.close();
    }
    LOG.info("device {}: agent stopped", config.device());
  }
}
