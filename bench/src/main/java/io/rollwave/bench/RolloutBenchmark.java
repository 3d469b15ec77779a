package io.rollwave.bench;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nats.client.Connection;
import io.nats.client.Options;
import io.rollwave.activities.DeploymentProcesses;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.inventory.DeviceSpec;
import io.rollwave.api.inventory.NetworkSwitch;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.operator.bridge.NatsKv;
import io.rollwave.operator.identity.NatsIdentity;
import io.rollwave.sim.FleetSimulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One measured rollout on real servers: N NetworkSwitches split over D DeviceProcessDeployments,
 * installed at v1 by a control plane in its own JVM, then rolled out to v2 with simulated agents;
 * the figures of {@link BenchReport}.
 */
public final class RolloutBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutBenchmark.class);
  private static final int CREATE_THREADS = 16;

  /** Simulated agents' heartbeat period: 10,000 devices at 30 s is 333 heartbeats a second. */
  static final long HEARTBEAT_MILLIS = 30_000;

  static final String RESOURCE = "deviceprocesses";

  private final BenchOptions options;
  private final Servers servers;
  private final Path workDir;
  private final String namespace = "bench-" + Long.toString(System.currentTimeMillis(), 36);

  public RolloutBenchmark(BenchOptions options, Servers servers, Path workDir) {
    this.options = options;
    this.servers = servers;
    this.workDir = workDir;
  }

  public String namespace() {
    return namespace;
  }

  public BenchReport run() throws Exception {
    Files.createDirectories(workDir);
    Path operatorLog = workDir.resolve("operator-" + namespace + ".log");
    Duration timeout = Duration.ofSeconds(120 + options.devices() / 50L);
    try (KubernetesClient kube = kubernetes();
        Connection nats = natsWithBuckets();
        FleetSimulator fleet =
            FleetSimulator.ofNamespace(
                nats,
                new FleetSimulator.Behaviour(
                    options.minReadyMillis(), options.maxReadyMillis(), 0, 7, HEARTBEAT_MILLIS),
                namespace)) {
      unacknowledged = fleet::failedPuts;
      kube.namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
      LOG.info(
          "bench {}: {} devices over {} deployments",
          namespace,
          options.devices(),
          options.deployments());
      try (OperatorProcess operator =
              OperatorProcess.start(servers, namespace, options.operatorJavaOpts(), operatorLog);
          JvmSampler sampler = new JvmSampler(operator.pid())) {
        Instant start = Instant.now();
        createInventory(kube);
        double inventorySeconds = seconds(start, Instant.now());
        LOG.info(
            "bench {}: {} NetworkSwitches created in {} s",
            namespace,
            options.devices(),
            inventorySeconds);

        Instant applied = Instant.now();
        applyDeployments(kube, "v1");
        await(
            "every DeviceProcess created",
            timeout,
            operator,
            () -> countProcesses(kube) == options.devices());
        double createSeconds = seconds(applied, Instant.now());
        await("v1 installed on every device", timeout, operator, () -> allComplete(kube, "v1"));
        double installSeconds = seconds(applied, Instant.now());
        LOG.info(
            "bench {}: DPs created in {} s, v1 installed in {} s",
            namespace,
            createSeconds,
            installSeconds);

        StatusLatency latency = new StatusLatency();
        SharedIndexInformer<DeviceProcess> watch =
            kube.resources(DeviceProcess.class)
                .inNamespace(namespace)
                .withLimit(DeploymentProcesses.LIST_CHUNK)
                .inform(latency, 0);
        try {
          fleet.drain();
          String metricsBefore = kube.raw("/metrics");
          fleet.listener(latency::reported);
          Map<String, Duration> cpuBefore = ProcessCpu.now(operator.pid());
          Instant rolloutStart = Instant.now();
          applyDeployments(kube, "v2");
          await("v2 rolled out to every device", timeout, operator, () -> allComplete(kube, "v2"));
          Instant rolloutEnd = Instant.now();
          Map<String, Duration> cpuAfter = ProcessCpu.now(operator.pid());
          // this process's own watch may trail the API server: let it see every device's status
          await(
              "the benchmark's watch to see every device's v2 status",
              Duration.ofSeconds(60),
              operator,
              () -> latency.percentiles().size() >= options.devices());
          String metricsAfter = kube.raw("/metrics");
          Map<String, Long> writes =
              ApiServerWrites.delta(
                  ApiServerWrites.of(metricsBefore, RESOURCE),
                  ApiServerWrites.of(metricsAfter, RESOURCE));
          Map<String, Long> otherWrites =
              ApiServerWrites.delta(
                  ApiServerWrites.allBut(metricsBefore, RESOURCE),
                  ApiServerWrites.allBut(metricsAfter, RESOURCE));
          TemporalHistory.Counts history =
              TemporalHistory.count(servers.temporalTarget(), workflowIds(), rolloutStart);
          return new BenchReport(
              options.devices(),
              options.deployments(),
              options.maxUnavailable(),
              round(inventorySeconds),
              round(createSeconds),
              round(installSeconds),
              round(seconds(rolloutStart, rolloutEnd)),
              round(Math.max(0, seconds(rolloutStart, rolloutEnd) - agentSeconds(kube))),
              writes.values().stream().mapToLong(Long::longValue).sum(),
              round(
                  (double) writes.values().stream().mapToLong(Long::longValue).sum()
                      / options.devices()),
              writes,
              otherWrites,
              history.events(),
              history.runs(),
              history.maxRunEvents(),
              history.signals(),
              history.byType(),
              latency.percentiles().at(50),
              latency.percentiles().at(99),
              latency.percentiles().size(),
              sampler.peakHeapMib(),
              sampler.peakRssMib(),
              JvmSampler.rssMibOf("kube-apiserver"),
              JvmSampler.rssMibOf("etcd"),
              ProcessCpu.secondsBetween(cpuBefore, cpuAfter),
              Instant.now().toString());
        } finally {
          watch.stop();
        }
      } finally {
        if (!options.keep()) {
          try {
            deleteEverything(kube);
          } catch (RuntimeException e) {
            // the figures are measured: a cleanup that times out (100,000 DPs) must not lose them
            LOG.warn(
                "bench {}: cleanup failed ({}); its objects stay on the servers until"
                    + " `scripts/dev-env.sh down`",
                namespace,
                e.toString());
          }
        }
      }
    }
  }

  /**
   * Deletes what the benchmark made, kind by kind (one collection DELETE each), then the namespace:
   * the dev environment runs no controller manager, so neither owner references nor a namespace
   * deletion would remove anything, and leftovers would slow every later run.
   */
  private void deleteEverything(KubernetesClient kube) {
    kube.resources(DeviceProcessDeployment.class).inNamespace(namespace).delete();
    kube.resources(DeviceProcess.class).inNamespace(namespace).delete();
    kube.resources(NetworkSwitch.class).inNamespace(namespace).delete();
    kube.apps().controllerRevisions().inNamespace(namespace).delete();
    kube.namespaces().withName(namespace).delete();
  }

  /** The time simulated agents alone would take: one ready time per window's worth of devices. */
  private double agentSeconds(KubernetesClient kube) {
    double meanReady = (options.minReadyMillis() + options.maxReadyMillis()) / 2000.0;
    if (meanReady == 0) {
      return 0;
    }
    int window =
        Math.max(
            1,
            io.rollwave.rollout.plan.IntOrPercent.parse(options.maxUnavailable())
                .scaledTo(options.devicesOf(0), true));
    return Math.ceil((double) options.devicesOf(0) / window) * meanReady;
  }

  /** The buckets made (as the operator, on a secured NATS), the simulated agents connected. */
  private Connection natsWithBuckets() throws IOException, InterruptedException {
    Options.Builder asOperator = servers.nats().options();
    servers
        .natsIdentity()
        .ifPresent(
            dir -> asOperator.credentialPath(dir.resolve(NatsIdentity.OPERATOR_CREDS).toString()));
    try (Connection operator = servers.nats().connect(asOperator)) {
      NatsKv.ensureBuckets(operator);
    }
    return SimulatorConnection.open(servers.nats(), servers.natsIdentity(), namespace);
  }

  private KubernetesClient kubernetes() throws IOException {
    Config config = Config.fromKubeconfig(Files.readString(servers.kubeconfig()));
    config.setMaxConcurrentRequests(CREATE_THREADS * 2);
    config.setMaxConcurrentRequestsPerHost(CREATE_THREADS * 2);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private void createInventory(KubernetesClient kube) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CREATE_THREADS);
    try {
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < options.devices(); i++) {
        int n = i;
        created.add(pool.submit(() -> kube.resource(device(n)).create()));
      }
      for (Future<?> f : created) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private NetworkSwitch device(int n) {
    NetworkSwitch sw = new NetworkSwitch();
    sw.setMetadata(
        new ObjectMetaBuilder()
            .withName(String.format("sw-%06d", n))
            .withNamespace(namespace)
            .withLabels(
                Map.of(
                    "type", "switch",
                    "bench-group", "g" + (n % options.deployments()),
                    "rack", "rack" + (n / 40)))
            .build());
    sw.setSpec(new DeviceSpec(null, null, "tor-48x25g", null, null));
    return sw;
  }

  private List<String> deploymentNames() {
    List<String> names = new ArrayList<>();
    for (int g = 0; g < options.deployments(); g++) {
      names.add("bench-" + g);
    }
    return names;
  }

  private List<String> workflowIds() {
    return deploymentNames().stream()
        .map(n -> io.rollwave.api.rollout.RolloutInput.workflowId(namespace, n))
        .toList();
  }

  private void applyDeployments(KubernetesClient kube, String version) {
    for (int g = 0; g < options.deployments(); g++) {
      String yaml =
          """
          apiVersion: azure.com/v1alpha1
          kind: DeviceProcessDeployment
          metadata:
            name: bench-%d
            namespace: %s
          spec:
            selector:
              matchLabels: {type: switch, bench-group: g%d}
            progressDeadlineSeconds: %d
            updateStrategy:
              type: RollingUpdate
              rollingUpdate:
                maxUnavailable: "%s"
            template:
              spec:
                artifact:
                  type: http
                  url: https://artifacts.example.com/bench/agent-%s.tar.gz
                  checksumSHA256: "%s"
                  version: %s
                execution:
                  backend: exec
                  command: ["/usr/bin/bench-agent"]
                restartPolicy: Always
          """
              .formatted(
                  g,
                  namespace,
                  g,
                  options.progressDeadlineSeconds(),
                  options.maxUnavailable(),
                  version,
                  (version.equals("v1") ? "1" : "2").repeat(64),
                  version);
      kube.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
          .inNamespace(namespace)
          .serverSideApply();
    }
  }

  private int countProcesses(KubernetesClient kube) {
    var list =
        kube.resources(DeviceProcess.class)
            .inNamespace(namespace)
            .list(new ListOptionsBuilder().withLimit(1L).build());
    Long remaining = list.getMetadata().getRemainingItemCount();
    return list.getItems().size() + (remaining == null ? 0 : remaining.intValue());
  }

  private boolean allComplete(KubernetesClient kube, String version) {
    for (String name : deploymentNames()) {
      DeviceProcessDeployment dpd =
          kube.resources(DeviceProcessDeployment.class).inNamespace(namespace).withName(name).get();
      DeviceProcessDeploymentStatus s = dpd == null ? null : dpd.getStatus();
      if (s == null
          || s.rollout() == null
          || s.rollout().phase() != RolloutPhase.Complete
          || s.currentRevision() == null
          || !s.currentRevision().equals(s.updateRevision())
          || !dpd.getMetadata().getGeneration().equals(s.observedGeneration())
          || !String.valueOf(s.numberAvailable()).equals(String.valueOf(s.desiredNumberScheduled()))
          || !versionOf(dpd).equals(version)) {
        return false;
      }
    }
    return true;
  }

  private static String versionOf(DeviceProcessDeployment dpd) {
    return dpd.getSpec().template().spec().artifact().version();
  }

  private java.util.function.LongSupplier unacknowledged = () -> 0;

  private void await(String what, Duration timeout, OperatorProcess operator, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (!operator.alive()) {
        throw new IllegalStateException(
            "the operator process ended while waiting for " + what + "; see its log in " + workDir);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + "; see "
                + workDir);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /**
   * Agent status change to DeviceProcess status: when a simulated agent reported a revision, and
   * when a watch first showed the DP's status at that revision, Running.
   */
  static final class StatusLatency implements ResourceEventHandler<DeviceProcess> {
    private final Map<String, Long> reported = new ConcurrentHashMap<>();
    private final Map<String, Long> latencies = new ConcurrentHashMap<>();

    void reported(String ns, String dp, String revision, Instant at) {
      reported.putIfAbsent(dp + "@" + revision, at.toEpochMilli());
    }

    @Override
    public void onAdd(DeviceProcess dp) {}

    @Override
    public void onUpdate(DeviceProcess old, DeviceProcess dp) {
      if (dp.getStatus() == null || dp.getStatus().phase() != ProcessPhase.Running) {
        return;
      }
      String key = dp.getMetadata().getName() + "@" + dp.getStatus().revision();
      Long at = reported.get(key);
      if (at != null) {
        latencies.putIfAbsent(key, System.currentTimeMillis() - at);
      }
    }

    @Override
    public void onDelete(DeviceProcess dp, boolean deletedFinalStateUnknown) {}

    Percentiles percentiles() {
      return new Percentiles(latencies.values().stream().mapToLong(Long::longValue).toArray());
    }
  }
}
