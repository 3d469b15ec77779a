package io.rollwave.operator;

import com.uber.m3.tally.Scope;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Options;
import io.rollwave.activities.BatchMover;
import io.rollwave.activities.DeploymentEvents;
import io.rollwave.activities.DeploymentProcesses;
import io.rollwave.activities.DeploymentRolloutStatus;
import io.rollwave.activities.FleetActivitiesImpl;
import io.rollwave.activities.LeanSerialization;
import io.rollwave.activities.PatchAdmission;
import io.rollwave.api.ApiGroup;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.operator.access.ForbiddenRequests;
import io.rollwave.operator.bridge.DesiredStatePublisher;
import io.rollwave.operator.bridge.DeviceReach;
import io.rollwave.operator.bridge.FleetSignaller;
import io.rollwave.operator.bridge.HeardAgentReports;
import io.rollwave.operator.bridge.HeartbeatMonitor;
import io.rollwave.operator.bridge.NatsKv;
import io.rollwave.operator.bridge.PullSecrets;
import io.rollwave.operator.bridge.RefusedProcessMarks;
import io.rollwave.operator.bridge.RolloutSignals;
import io.rollwave.operator.bridge.RolloutTarget;
import io.rollwave.operator.bridge.SecretChanges;
import io.rollwave.operator.bridge.StatusBridge;
import io.rollwave.operator.identity.IdentityServices;
import io.rollwave.operator.identity.NatsIdentity;
import io.rollwave.operator.lead.LeaderElection;
import io.rollwave.operator.lead.Leadership;
import io.rollwave.operator.lead.LeaseAccess;
import io.rollwave.operator.observe.BridgeMetrics;
import io.rollwave.operator.observe.DeploymentGauges;
import io.rollwave.operator.observe.Health;
import io.rollwave.operator.observe.Observability;
import io.rollwave.operator.observe.ReconcileMetrics;
import io.rollwave.operator.observe.TemporalMetrics;
import io.rollwave.operator.observe.TimedFleetActivities;
import io.rollwave.operator.reconcile.CountedFleet;
import io.rollwave.operator.reconcile.DeletedDeployments;
import io.rollwave.operator.reconcile.DeploymentReconciler;
import io.rollwave.operator.reconcile.FleetEventSource;
import io.rollwave.operator.reconcile.FleetTally;
import io.rollwave.operator.reconcile.MembershipChanges;
import io.rollwave.operator.reconcile.RolloutStarter;
import io.rollwave.rollout.RolloutWorkflowImpl;
import io.rollwave.rollout.fleet.ModelledDevice;
import io.rollwave.temporal.RolloutSearchAttributes;
import io.rollwave.temporal.TemporalSetup;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollwave's control plane in one process: the deployment reconciler (JOSDK), the NATS bridges
 * (desired state out, status in, coalesced signals) and the Temporal worker for rollouts.
 */
public final class ControlPlane implements AutoCloseable {
  private static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

  static final Duration RECONCILE_PERIOD = Duration.ofSeconds(1);
  static final int RECONCILES_PER_PERIOD = 2;

  /**
   * A rollout's spec patches wait while this many agents' reports wait to be written (a few per
   * status writer), so a batch's reports are written within about a second of arriving instead of
   * queueing behind the next thousand patches; at most this long per patch, should the writes
   * stall.
   */
  static final int REPORT_BACKLOG_LIMIT = 4 * StatusBridge.WRITERS;

  static final Duration REPORT_BACKLOG_MAX_WAIT = Duration.ofSeconds(2);

  /** How often the Temporal SDK's metrics reach the registry. */
  static final Duration TEMPORAL_METRICS_EVERY = Duration.ofSeconds(5);

  static final Duration TEMPORAL_PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private Optional<Integer> metricsPort = Optional.empty();

  private ControlPlane() {}

  private static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  /**
   * Gives the JVM's common pool 8 threads unless told otherwise. On 2 cores it would have one, and
   * CompletableFuture then starts a new thread for every async step of every HTTP response the
   * Kubernetes client handles. The pool reads the setting once, when first used: call this first
   * thing in a main that runs a control plane.
   */
  public static void sizeCommonPool() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, "8");
    }
  }

  public static ControlPlane start(OperatorConfig config) throws Exception {
    ControlPlane plane = new ControlPlane();
    try {
      plane.startAll(config);
      return plane;
    } catch (Exception e) {
      plane.close();
      throw e;
    }
  }

  private void startAll(OperatorConfig config) throws Exception {
    LOG.info(
        "control plane starting (common pool parallelism {})",
        ForkJoinPool.getCommonPoolParallelism());
    Observability observe = Observability.start(config.metricsPort());
    resources.push(observe);
    MeterRegistry registry = observe.registry();
    Health health = observe.health();
    KubernetesClient kube = kubernetes(config);
    resources.push(kube);
    config.leaderElection().ifPresent(election -> LeaseAccess.check(kube, election));
    Leadership leadership =
        new Leadership(
            registry,
            config
                .leaderElection()
                .map(
                    e ->
                        "lease %s/%s replica %s"
                            .formatted(e.leaseNamespace(), e.leaseName(), e.identity()))
                .orElse("operator"),
            ControlPlane::exitSoon);

    Scope temporalMetrics = TemporalMetrics.scope(registry, TEMPORAL_METRICS_EVERY);
    resources.push(temporalMetrics::close);
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            config
                .temporalTls()
                .apply(
                    WorkflowServiceStubsOptions.newBuilder()
                        .setTarget(config.temporalTarget())
                        .setMetricsScope(temporalMetrics))
                .build());
    LOG.info("temporal at {}: {}", config.temporalTarget(), config.temporalTls().describe());
    resources.push(service::shutdown);
    health.readiness("temporal reachable", () -> temporalReachable(service));
    registerSearchAttributes(config, service);
    WorkflowClient workflows =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder().setNamespace(config.temporalNamespace()).build());
    SharedIndexInformer<DeviceProcess> processes =
        config.namespace().isPresent()
            ? kube.resources(DeviceProcess.class)
                .inNamespace(config.namespace().get())
                .withLimit(DeploymentProcesses.LIST_CHUNK)
                .runnableInformer(0)
            : kube.resources(DeviceProcess.class)
                .inAnyNamespace()
                .withLimit(DeploymentProcesses.LIST_CHUNK)
                .runnableInformer(0);
    FleetTally tally = new FleetTally();
    processes.itemStore(tally.store());
    DeploymentProcesses.index(processes);
    HeartbeatMonitor.index(processes);
    if (config.nats().insecure()) {
      LOG.warn("{}", config.nats().describe());
    }
    Optional<NatsIdentity> identity = config.natsIdentity().map(NatsIdentity::load);
    Options.Builder natsOptions =
        config
            .nats()
            .options()
            .connectionName("rollwave-operator")
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(500));
    identity.ifPresent(i -> natsOptions.credentialPath(i.operatorCreds().toString()));
    Connection nats = config.nats().connect(natsOptions);
    resources.push(nats);
    health.readiness("nats connected", () -> nats.getStatus() == Connection.Status.CONNECTED);
    NatsKv.ensureBuckets(nats);
    if (identity.isPresent()) {
      // it issues credentials and updates the account: one issuer
      leadership.duty(
          "nats identity services",
          () ->
              IdentityServices.start(
                  nats, config.nats(), identity.get(), kube, config.inventoryKinds()));
    } else {
      LOG.warn(
          "nats {}: no --nats-identity: an open NATS, any client may do anything",
          config.natsUrl());
    }
    LOG.info("nats connected: {}", config.nats().describe());
    KeyValue status = NatsKv.open(nats, Buckets.STATUS);
    DeviceReach reach = new DeviceReach(config.allowCrossNamespaceDevices());
    BridgeMetrics bridgeMetrics = new BridgeMetrics(registry);
    StatusBridge bridge = new StatusBridge(kube, processes, reach, bridgeMetrics.statusWritten());
    resources.push(bridge);
    bridgeMetrics.backlog(bridge);
    health.liveness("status writers", bridge::writing);
    HeartbeatMonitor heartbeats =
        new HeartbeatMonitor(
            processes,
            status,
            bridge,
            Duration.ofSeconds(config.heartbeatTimeoutSeconds()),
            Clock.systemUTC());
    resources.push(heartbeats);
    WorkerFactory factory = WorkerFactory.newInstance(workflows);
    // the SDK calls a workflow task that holds its thread over 1 s a potential deadlock; the first
    // tasks of a cold JVM on a loaded machine (two demos at once on 2 cores) took longer
    Worker worker =
        factory.newWorker(
            config.taskQueue(),
            WorkerOptions.newBuilder()
                .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis())
                .build());
    worker.registerWorkflowImplementationTypes(RolloutWorkflowImpl.class);
    DeploymentEvents events = new DeploymentEvents(kube);
    worker.registerActivitiesImplementations(
        new TimedFleetActivities(
            new FleetActivitiesImpl(
                new BatchMover(
                    kube,
                    DeploymentProcesses.cached(processes),
                    new HeardAgentReports(status, heartbeats::heard),
                    new PatchAdmission(bridge, REPORT_BACKLOG_LIMIT, REPORT_BACKLOG_MAX_WAIT)
                        .reportingHolds(bridgeMetrics.patchHeld()),
                    events::record),
                events,
                new DeploymentRolloutStatus(kube)),
            registry));

    // pull secrets first, so the first desired state of a DP that names one carries it
    SharedIndexInformer<Secret> secrets =
        (config.namespace().isPresent()
                ? kube.secrets().inNamespace(config.namespace().get())
                : kube.secrets().inAnyNamespace())
            .withField("type", PullSecrets.TYPE)
            .runnableInformer(0);
    secrets.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    resources.push(secrets::stop);
    health.readiness("pull secret informer synced", secrets::hasSynced);
    DesiredStatePublisher publisher =
        new DesiredStatePublisher(
            NatsKv.open(nats, Buckets.DESIRED),
            new PullSecrets((ns, name) -> secrets.getStore().getByKey(ns + "/" + name)),
            reach,
            new RefusedProcessMarks(kube, bridge),
            bridgeMetrics.desiredPublished());
    processes.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    resources.push(processes::stop);
    health.readiness("deviceprocess informer synced", processes::hasSynced);
    // handlers added to a running informer hear every cached DeviceProcess first
    leadership.duty(
        "desired state publisher",
        () -> {
          secrets.addEventHandler(
              new SecretChanges(
                  (ns, name) -> publisher.secretChanged(ns, name, processes.getStore().list())));
          processes.addEventHandler(publisher);
          publisher.removeOrphans(processes.getStore().list(), config.namespace());
          return () -> {};
        });
    // activities ask whether a device is heard before trusting its report: every replica hears
    heartbeats.listen(NatsKv.open(nats, Buckets.HEARTBEAT));
    leadership.duty(
        "heartbeat sweep",
        () -> {
          heartbeats.startSweeps();
          health.liveness("heartbeat sweep", heartbeats::sweeping);
          return () -> {};
        });
    // activities read the fleet from this informer's cache: start polling only once it is full
    factory.start();
    health.liveness("temporal worker", () -> factory.isStarted() && !factory.isShutdown());
    resources.push(
        () -> {
          // a graceful shutdown hands the worker's sticky workflow tasks back to the server at
          // once, so a successor picks the rollouts up without waiting for a timeout
          factory.shutdown();
          factory.awaitTermination(20, TimeUnit.SECONDS);
        });
    LOG.info(
        "temporal worker on {} namespace {} task queue {}",
        config.temporalTarget(),
        config.temporalNamespace(),
        config.taskQueue());

    // the signaller reads each deployment's update revision here, not with a GET per signal
    SharedIndexInformer<DeviceProcessDeployment> deployments =
        (config.namespace().isPresent()
                ? kube.resources(DeviceProcessDeployment.class)
                    .inNamespace(config.namespace().get())
                : kube.resources(DeviceProcessDeployment.class).inAnyNamespace())
            .runnableInformer(0);
    deployments.addEventHandler(
        new DeploymentGauges(
            registry,
            () -> deployments.getStore().list(),
            (ns, name) -> deployments.getStore().getByKey(ns + "/" + name),
            (ns, name) ->
                (int)
                    CountedFleet.modelled(
                            tally.of(ns, name),
                            RolloutTarget.policyOf(
                                deployments.getStore().getByKey(ns + "/" + name)),
                            Instant.now())
                        .stream()
                        .filter(ModelledDevice::failed)
                        .count()));
    deployments.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    resources.push(deployments::stop);
    health.readiness("deployment informer synced", deployments::hasSynced);
    leadership.duty(
        "deleted deployments sweep",
        () -> {
          DeletedDeployments deleted = new DeletedDeployments(workflows);
          deployments.addEventHandler(deleted);
          deleted.sweep(
              (ns, name) -> deployments.getStore().getByKey(ns + "/" + name) != null,
              ns -> config.namespace().map(ns::equals).orElse(true));
          return () -> {};
        });
    leadership.duty(
        "fleet signaller",
        () -> {
          FleetSignaller signaller =
              new FleetSignaller(
                  tally,
                  (ns, name) -> RolloutTarget.of(deployments.getStore().getByKey(ns + "/" + name)),
                  RolloutSignals.temporal(workflows),
                  config.signalIntervalMillis());
          health.liveness("fleet signaller", signaller::flushing);
          processes.addEventHandler(signaller);
          return signaller;
        });
    leadership.duty(
        "status bridge",
        () -> {
          bridge.watch(status);
          return () -> {};
        });
    resources.push(leadership);
    health.liveness("leader duties", leadership::dutiesStarted);

    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(kube)
                  .withCloseClientOnStop(false)
                  .withMetrics(new ReconcileMetrics(registry));
              config
                  .leaderElection()
                  .ifPresent(e -> o.withLeaderElectionConfiguration(lease(e, leadership)));
            });
    List<GroupVersionKind> kinds =
        config.inventoryKinds().stream()
            .map(k -> new GroupVersionKind(ApiGroup.GROUP, ApiGroup.VERSION, k))
            .toList();
    MembershipChanges membershipChanges = new MembershipChanges();
    operator.register(
        new DeploymentReconciler(
            kube,
            kinds,
            new RolloutStarter(workflows, config.taskQueue()),
            new FleetEventSource(processes, membershipChanges),
            tally,
            membershipChanges),
        o -> {
          config.namespace().ifPresent(o::settingNamespaces);
          // the workflow writes status.rollout; the conditions follow it, so status changes count
          o.withGenerationAware(false);
          // a reconcile reads the deployment's whole fleet; while thousands of devices report,
          // their events fold into at most this many reconciles per deployment
          o.withRateLimiter(new LinearRateLimiter(RECONCILE_PERIOD, RECONCILES_PER_PERIOD));
        });
    if (config.leaderElection().isPresent()) {
      leadership.standBy();
    } else {
      leadership.lead();
    }
    // with a lease, the reconciler's informers fill now and it reconciles once the lease is ours
    operator.start();
    resources.push(operator::stop);
    resources.push(leadership::closing);
    health.liveness("reconciler", () -> operator.getRuntimeInfo().isStarted());
    // its informers only: event sources of our own say nothing of their health (UNKNOWN)
    health.readiness("reconciler informers synced", () -> informersSynced(operator));
    health.started();
    metricsPort = observe.port();
    LOG.info(
        "control plane started: namespaces {}, inventory kinds {}, cross-namespace devices {}",
        config.namespace().orElse("all"),
        config.inventoryKinds(),
        config.allowCrossNamespaceDevices() ? "allowed" : "refused");
  }

  /** JOSDK's election on the Lease; a lost lease ends the process through {@code leadership}. */
  private static LeaderElectionConfiguration lease(LeaderElection e, Leadership leadership) {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(e.leaseName())
        .withLeaseNamespace(e.leaseNamespace())
        .withIdentity(e.identity())
        .withLeaderCallbacks(leadership.callbacks())
        // JOSDK would exit from the thread that stops it, also a shutdown hook's (which blocks)
        .withExitOnStopLeading(false)
        .build();
  }

  /** Ends the process from a thread of its own, so the caller (an elector thread) returns. */
  private static void exitSoon() {
    new Thread(() -> System.exit(1), "rollwave-lease-lost").start();
  }

  /** The port serving metrics and probes, when one does. */
  public Optional<Integer> metricsPort() {
    return metricsPort;
  }

  /**
   * True once every informer of the reconciler runs and has synced; else fails naming those not.
   * JOSDK's own health also asks whether each informer is watching, which reads false for the whole
   * life of these (streamed HTTP) watches, so it is not asked here.
   */
  private static boolean informersSynced(Operator operator) {
    List<String> unsynced =
        operator
            .getRuntimeInfo()
            .unhealthyInformerWrappingEventSourceHealthIndicator()
            .values()
            .stream()
            .flatMap(sources -> sources.entrySet().stream())
            .filter(
                source ->
                    !source.getValue().informerHealthIndicators().values().stream()
                        .allMatch(ControlPlane::runsSynced))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    if (unsynced.isEmpty()) {
      return true;
    }
    throw new IllegalStateException("not synced: " + unsynced);
  }

  /** Takes an Object: JOSDK's runtime info hands its indicators over in raw maps. */
  private static boolean runsSynced(Object indicator) {
    InformerHealthIndicator informer = (InformerHealthIndicator) indicator;
    return informer.isRunning() && informer.hasSynced();
  }

  private static boolean temporalReachable(WorkflowServiceStubs service) {
    service
        .blockingStub()
        .withDeadlineAfter(TEMPORAL_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    return true;
  }

  /** The client the operator uses: its kubeconfig, HTTP watches, 403s logged with the right. */
  static KubernetesClient kubernetes(OperatorConfig config) throws IOException {
    Config kube =
        config.kubeconfig().isPresent()
            ? Config.fromKubeconfig(Files.readString(config.kubeconfig().get()))
            : Config.autoConfigure(null);
    // watches as streamed HTTP responses, not WebSockets: the JDK client hands a WebSocket's text
    // over as CharBuffers that fabric8 appends one char at a time, a fifth of the operator's CPU
    // during a 10,000-device rollout
    kube.setOnlyHttpWatches(true);
    return new KubernetesClientBuilder()
        .withConfig(kube)
        .withKubernetesSerialization(LeanSerialization.create())
        // a 403 names the missing right, also for watches, which fabric8 retries in silence
        .withHttpClientBuilderConsumer(
            http -> http.addOrReplaceInterceptor(ForbiddenRequests.NAME, new ForbiddenRequests()))
        .build();
  }

  /** On a cluster where we may, registers the rollout search attributes; warns where we may not. */
  private static void registerSearchAttributes(
      OperatorConfig config, WorkflowServiceStubs service) {
    OperatorServiceStubs operatorService =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      new TemporalSetup(service, operatorService)
          .ensureSearchAttributes(config.temporalNamespace(), RolloutSearchAttributes.all());
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot register search attributes in temporal namespace {} ({}); register them by hand"
              + " as docs/development.md says",
          config.temporalNamespace(),
          e.getMessage());
    } finally {
      operatorService.shutdown();
    }
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("while stopping the control plane: {}", e.toString());
      }
    }
  }
}
