package io.rollwave.agent;

import static io.rollwave.agent.DeviceProcessFixtures.alive;
import static io.rollwave.agent.DeviceProcessFixtures.condition;
import static io.rollwave.agent.DeviceProcessFixtures.keyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Quantity;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.nats.AgentCounters;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.Heartbeat;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.nats.PullSecret;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ExecAction;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.HealthCheck;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.ProcessResources;
import io.rollwave.api.process.ResourceLimits;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.tls.NatsEndpoint;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent on a real NATS server, fetching artifacts from a local HTTP server, running real
 * processes.
 */
@ExtendWith(RealServers.class)
class AgentIT {
  private static final ObjectMapper JSON = DeviceProcessFixtures.JSON;
  private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
  private static HttpServer http;
  private static Connection nats;
  private static Path work;

  private static NatsEndpoint endpoint;

  @BeforeAll
  static void start(NatsTestServer server) throws Exception {
    endpoint = server.endpoint();
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/",
        ex -> {
          byte[] body = FILES.get(ex.getRequestURI().getPath());
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          }
          ex.close();
        });
    http.start();
    // no buckets here: the agent creates any that are missing
    nats = server.connect();
    work = RepoLayout.targetDir("agent-it");
  }

  @AfterAll
  static void stop() throws Exception {
    nats.close();
    http.stop(0);
  }

  /** A script that records that it ran, then idles until SIGTERM. */
  private static String serve(String path, String version, Path marker) throws Exception {
    byte[] bytes = DeviceProcessFixtures.idleScript(version, marker);
    FILES.put(path, bytes);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static DesiredProcess desired(
      DeviceKey device, String dp, String rev, String url, String sha, String version) {
    return desired(device, dp, rev, url, sha, version, Backend.EXEC);
  }

  private static DesiredProcess desired(
      DeviceKey device,
      String dp,
      String rev,
      String url,
      String sha,
      String version,
      Backend backend) {
    return DeviceProcessFixtures.desired(
        device, dp, rev, new Artifact(ArtifactType.HTTP, url, sha, version), backend);
  }

  private static DeviceProcessStatus status(DeviceKey device, String dp) throws Exception {
    return DeviceProcessFixtures.status(nats, device, dp);
  }

  private Agent agent(DeviceKey device, boolean insecure) throws Exception {
    return new Agent(new AgentConfig(device, endpoint, work.resolve(device.name()), 1, insecure))
        .start();
  }

  @Test
  void createsMissingBucketsAndSendsHeartbeats() throws Exception {
    KeyValueManagement kvm = nats.keyValueManagement();
    for (String bucket : List.of(Buckets.DESIRED, Buckets.STATUS, Buckets.HEARTBEAT)) {
      if (kvm.getBucketNames().contains(bucket)) {
        kvm.delete(bucket);
      }
    }
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-00");
    try (Agent agent = agent(device, false)) {
      assertThat(kvm.getBucketNames()).contains(Buckets.DESIRED, Buckets.STATUS, Buckets.HEARTBEAT);
      for (String bucket : List.of(Buckets.STATUS, Buckets.HEARTBEAT)) {
        KeyValueStatus s = kvm.getStatus(bucket);
        assertThat(s.getMaxHistoryPerKey()).as(bucket + " history").isEqualTo(1);
        assertThat(s.getStorageType()).as(bucket + " storage").isEqualTo(StorageType.File);
      }
      KeyValue heartbeats = nats.keyValue(Buckets.HEARTBEAT);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(heartbeats.get(device.key())).isNotNull());
      Heartbeat first = JSON.readValue(heartbeats.get(device.key()).getValue(), Heartbeat.class);
      assertThat(first.device()).isEqualTo("NetworkSwitch/agent-it/tor1-00");
      assertThat(first.agentVersion()).isEqualTo(Agent.VERSION);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          Instant.parse(
                              JSON.readValue(
                                      heartbeats.get(device.key()).getValue(), Heartbeat.class)
                                  .at()))
                      .as("a later heartbeat")
                      .isAfter(Instant.parse(first.at())));
    }
  }

  @Test
  void runsVerifiedArtifactsReplacesThemAndStopsOnDelete() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-01");
    Path marker = work.resolve("tor1-01.ran");
    String sha1 = serve("/a/v1", "v1", marker);
    String sha2 = serve("/a/v2", "v2", marker);
    KeyValue desired = nats.keyValue(Buckets.DESIRED);
    String key = keyOf(device, "agent-tor1-01");
    try (Agent agent = agent(device, true)) {
      String base = "http://127.0.0.1:" + http.getAddress().getPort();
      desired.put(
          key,
          JSON.writeValueAsBytes(
              desired(device, "agent-tor1-01", "rev1", base + "/a/v1", sha1, "v1")));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tor1-01");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(s.revision()).isEqualTo("rev1");
                assertThat(s.artifactVersion()).isEqualTo("v1");
                assertThat(condition(s, "ArtifactDownloaded").status())
                    .isEqualTo(ConditionStatus.TRUE);
                assertThat(condition(s, "ProcessStarted").status()).isEqualTo(ConditionStatus.TRUE);
                assertThat(condition(s, "Healthy").status()).isEqualTo(ConditionStatus.TRUE);
                assertThat(alive(s.pid())).isTrue();
              });
      long v1Pid = status(device, "agent-tor1-01").pid();
      assertThat(nats.keyValue(Buckets.HEARTBEAT).get(device.key())).as("heartbeat").isNotNull();

      desired.put(
          key,
          JSON.writeValueAsBytes(
              desired(device, "agent-tor1-01", "rev2", base + "/a/v2", sha2, "v2")));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tor1-01");
                assertThat(s.revision()).isEqualTo("rev2");
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(alive(s.pid())).isTrue();
                assertThat(s.pid()).isNotEqualTo(v1Pid);
              });
      assertThat(alive(v1Pid)).as("v1 process stopped").isFalse();
      Path cache = work.resolve(device.name()).resolve("artifacts/sha256");
      assertThat(cache.resolve(sha1)).as("v1 kept for a rollback").exists();

      String sha3 = serve("/a/v3", "v3", marker);
      desired.put(
          key,
          JSON.writeValueAsBytes(
              desired(device, "agent-tor1-01", "rev3", base + "/a/v3", sha3, "v3")));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tor1-01");
                assertThat(s.revision()).isEqualTo("rev3");
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(cache.resolve(sha1)).as("v1 evicted once v3 runs").doesNotExist();
              });
      assertThat(cache.resolve(sha3)).as("running").exists();
      assertThat(cache.resolve(sha2)).as("previous, kept for a rollback").exists();
      long v2Pid = status(device, "agent-tor1-01").pid();

      desired.delete(key);
      await().atMost(Duration.ofSeconds(30)).until(() -> !alive(v2Pid));
      await().atMost(Duration.ofSeconds(10)).until(() -> status(device, "agent-tor1-01") == null);
    }
  }

  @Test
  void sameNamedProcessesOfTwoNamespacesRunAsTwoProcesses() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-14");
    ProcessId inA = new ProcessId("agent-it", "twin");
    ProcessId inB = new ProcessId("team-b", "twin");
    String shaA = serve("/twin/a", "a", work.resolve("tor1-14-a.ran"));
    String shaB = serve("/twin/b", "b", work.resolve("tor1-14-b.ran"));
    String base = "http://127.0.0.1:" + http.getAddress().getPort();
    try (Agent agent = agent(device, true)) {
      KeyValue desired = nats.keyValue(Buckets.DESIRED); // the agent created the bucket
      for (ProcessId dp : List.of(inA, inB)) {
        boolean a = dp.equals(inA);
        DesiredProcess d =
            desired(
                device,
                dp.name(),
                a ? "rev-a" : "rev-b",
                base + (a ? "/twin/a" : "/twin/b"),
                a ? shaA : shaB,
                a ? "a" : "b");
        desired.put(
            device.processKey(dp),
            JSON.writeValueAsBytes(
                new DesiredProcess(
                    dp.namespace(), dp.name(), d.revision(), d.generation(), d.spec())));
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                for (ProcessId dp : List.of(inA, inB)) {
                  DeviceProcessStatus s = DeviceProcessFixtures.status(nats, device, dp);
                  assertThat(s).as(dp.toString()).isNotNull();
                  assertThat(s.phase()).as(dp.toString()).isEqualTo(ProcessPhase.Running);
                  assertThat(alive(s.pid())).as(dp + " alive").isTrue();
                }
              });
      DeviceProcessStatus a = DeviceProcessFixtures.status(nats, device, inA);
      DeviceProcessStatus b = DeviceProcessFixtures.status(nats, device, inB);
      assertThat(List.of(a.revision(), b.revision())).containsExactly("rev-a", "rev-b");
      assertThat(a.pid()).as("two processes").isNotEqualTo(b.pid());

      desired.delete(device.processKey(inA));
      await().atMost(Duration.ofSeconds(30)).until(() -> !alive(a.pid()));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> DeviceProcessFixtures.status(nats, device, inA) == null);
      DeviceProcessStatus stillB = DeviceProcessFixtures.status(nats, device, inB);
      assertThat(stillB.pid()).as("team-b's process untouched").isEqualTo(b.pid());
      assertThat(alive(b.pid())).as("team-b's process still runs").isTrue();
      desired.delete(device.processKey(inB));
      await().atMost(Duration.ofSeconds(30)).until(() -> !alive(b.pid()));
    }
  }

  @Test
  void unreadableDesiredEntryIsReportedAndTheAgentCarriesOn() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-04");
    Path marker = work.resolve("tor1-04.ran");
    String sha = serve("/d/v1", "v1-d", marker);
    try (Agent agent = agent(device, true)) {
      KeyValue desired = nats.keyValue(Buckets.DESIRED);
      desired.put(
          keyOf(device, "agent-tor1-04-bad"), "{\"spec\": [".getBytes(StandardCharsets.UTF_8));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tor1-04-bad");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Failed);
                Condition c = condition(s, "ProcessStarted");
                assertThat(c.reason()).isEqualTo("DesiredStateUnreadable");
                assertThat(c.message()).contains("republish");
              });
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/d/v1";
      desired.put(
          keyOf(device, "agent-tor1-04"),
          JSON.writeValueAsBytes(desired(device, "agent-tor1-04", "rev1", url, sha, "v1")));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(status(device, "agent-tor1-04").phase())
                      .isEqualTo(ProcessPhase.Running));
      desired.delete(keyOf(device, "agent-tor1-04"));
      desired.delete(keyOf(device, "agent-tor1-04-bad"));
    }
  }

  /** {@code d} with {@code execution.resources.limits.memory} set to {@code memory}. */
  private static DesiredProcess withMemoryLimit(DesiredProcess d, String memory) {
    DeviceProcessSpec spec = d.spec();
    Execution e = spec.execution();
    return new DesiredProcess(
        d.namespace(),
        d.deviceProcess(),
        d.revision(),
        d.generation(),
        new DeviceProcessSpec(
            spec.deviceRef(),
            spec.artifact(),
            new Execution(
                e.backend(),
                e.command(),
                e.args(),
                e.env(),
                e.workingDir(),
                e.user(),
                new ProcessResources(new ResourceLimits(new Quantity(memory), null))),
            spec.restartPolicy(),
            spec.healthCheck()));
  }

  @Test
  void limitsExecCannotEnforceAreSaidSoAndOneThatIsNotPositiveIsRefused() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-06");
    Path marker = work.resolve("tor1-06.ran");
    Files.deleteIfExists(marker); // left by an earlier run of this test
    String sha = serve("/f/v1", "v1-f", marker);
    try (Agent agent = agent(device, true)) {
      KeyValue desired = nats.keyValue(Buckets.DESIRED);
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/f/v1";
      desired.put(
          keyOf(device, "agent-tor1-06"),
          JSON.writeValueAsBytes(
              withMemoryLimit(desired(device, "agent-tor1-06", "rev1", url, sha, "v1"), "64Mi")));
      // past the API server's validation only by writing NATS directly, as this test does
      desired.put(
          keyOf(device, "agent-tor1-06-zero"),
          JSON.writeValueAsBytes(
              withMemoryLimit(desired(device, "agent-tor1-06-zero", "rev1", url, sha, "v1"), "0")));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tor1-06");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(condition(s, "ProcessStarted").message())
                    .contains("resources.limits not enforced: the exec backend");
                DeviceProcessStatus refused = status(device, "agent-tor1-06-zero");
                assertThat(refused).isNotNull();
                assertThat(refused.phase()).isEqualTo(ProcessPhase.Failed);
                assertThat(condition(refused, "ProcessStarted").reason())
                    .isEqualTo("InvalidResources");
                assertThat(condition(refused, "ProcessStarted").message())
                    .isEqualTo("resources.limits.memory '0' must be more than 0");
              });
      assertThat(Files.readAllLines(marker)).as("only the valid one ran").hasSize(1);
      desired.delete(keyOf(device, "agent-tor1-06"));
      desired.delete(keyOf(device, "agent-tor1-06-zero"));
    }
  }

  /** Publishes {@code d} with {@code secret} as the operator delivers it. */
  private static void putWithPullSecret(DeviceKey device, DesiredProcess d, PullSecret secret)
      throws Exception {
    nats.keyValue(Buckets.DESIRED)
        .put(
            keyOf(device, d.deviceProcess()),
            JSON.writeValueAsBytes(
                new DesiredProcess(
                    d.namespace(),
                    d.deviceProcess(),
                    d.revision(),
                    d.generation(),
                    d.spec(),
                    secret)));
  }

  @Test
  void aPullSecretTheOperatorCouldNotReadLeavesTheProcessPendingUntilItIsDelivered()
      throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-07");
    DesiredProcess oci =
        DeviceProcessFixtures.desired(
            device,
            "agent-tor1-07",
            "rev1",
            new Artifact(
                ArtifactType.OCI, "registry.example:5000/rw/agent:v1", "ab".repeat(32), "v1"),
            Backend.EXEC);
    String problem = "pull secret agent-it/regcred not found; create it: kubectl create secret";
    try (Agent agent = agent(device, true)) {
      putWithPullSecret(device, oci, PullSecret.unavailable("regcred", problem));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tor1-07");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Pending);
                Condition c = condition(s, "ArtifactDownloaded");
                assertThat(c.status()).isEqualTo(ConditionStatus.FALSE);
                assertThat(c.reason()).isEqualTo("PullSecretUnavailable");
                assertThat(c.message()).isEqualTo(problem);
              });

      // the Secret created: the same spec again, now with its Docker config
      putWithPullSecret(
          device,
          oci,
          PullSecret.found(
              "regcred", "{\"auths\": {\"registry.example:5000\": {\"auth\": \"dTpw\"}}}"));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          condition(status(device, "agent-tor1-07"), "ArtifactDownloaded").reason())
                      .as("it tried the registry (which does not exist here) with the secret")
                      .isNotEqualTo("PullSecretUnavailable"));
      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, "agent-tor1-07"));
    }
  }

  @Test
  void initdBackendRunsThroughTheScriptAndRestartsACrashedProcess() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-05");
    Path marker = work.resolve("tor1-05.ran");
    String sha = serve("/e/v1", "v1-e", marker);
    Path initdRoot = work.resolve("tor1-05-init.d");
    try (Agent agent =
        new Agent(
                new AgentConfig(device, endpoint, work.resolve(device.name()), 1, true, initdRoot))
            .start()) {
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/e/v1";
      nats.keyValue(Buckets.DESIRED)
          .put(
              keyOf(device, "agent-tor1-05"),
              JSON.writeValueAsBytes(
                  desired(device, "agent-tor1-05", "rev1", url, sha, "v1", Backend.INITD)));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tor1-05");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(condition(s, "Healthy").status()).isEqualTo(ConditionStatus.TRUE);
                assertThat(alive(s.pid())).isTrue();
              });
      Path script = initdRoot.resolve("agent-it_agent-tor1-05");
      assertThat(script).isExecutable().content().contains("### BEGIN INIT INFO");
      long first = status(device, "agent-tor1-05").pid();

      ProcessHandle.of(first).orElseThrow().destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, "agent-tor1-05");
                assertThat(s.restartCount()).isEqualTo(1);
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(s.pid()).isNotNull().isNotEqualTo(first);
                assertThat(alive(s.pid())).isTrue();
                assertThat(s.lastTerminationReason())
                    .isEqualTo(
                        "Exited, exit code unknown (not the agent's child, and initd did not say)");
              });
      long second = status(device, "agent-tor1-05").pid();

      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, "agent-tor1-05"));
      await().atMost(Duration.ofSeconds(30)).until(() -> !alive(second));
      Path pidFile = work.resolve(device.name()).resolve("run/agent-tor1-05.pid");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(pidFile).as("the script's stop removed its pid file").doesNotExist();
                assertThat(script).as("the deleted DeviceProcess's init script").doesNotExist();
              });
    }
  }

  /**
   * A process that exits at once under restartPolicy Always says so, as the kubelet's
   * CrashLoopBackOff does: never Running without a pid, the restart count and the exit code.
   */
  @Test
  void aProcessThatExitsAtOnceShowsCrashLoopBackOffWithItsRestartsAndExitCode() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-07");
    String dp = "agent-tor1-07";
    byte[] script = "#!/bin/sh\nexit 3\n".getBytes(StandardCharsets.UTF_8);
    FILES.put("/g/v1", script);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script));
    List<DeviceProcessStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Agent agent = agent(device, true);
        var watch =
            nats.keyValue(Buckets.STATUS)
                .watch(
                    keyOf(device, dp),
                    new io.nats.client.api.KeyValueWatcher() {
                      @Override
                      public void watch(io.nats.client.api.KeyValueEntry e) {
                        if (e.getValue() != null && e.getValue().length > 0) {
                          try {
                            seen.add(
                                JSON.readValue(
                                        e.getValue(), io.rollwave.api.nats.ReportedStatus.class)
                                    .status());
                          } catch (java.io.IOException ex) {
                            throw new IllegalStateException(ex);
                          }
                        }
                      }

                      @Override
                      public void endOfData() {}
                    })) {
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/g/v1";
      nats.keyValue(Buckets.DESIRED)
          .put(
              keyOf(device, dp),
              JSON.writeValueAsBytes(desired(device, dp, "rev1", url, sha, "v1")));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = status(device, dp);
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.CrashLoopBackOff);
                assertThat(s.pid()).isNull();
                assertThat(s.restartCount()).isGreaterThanOrEqualTo(3);
                assertThat(s.lastTerminationReason()).isEqualTo("Exited with code 3");
                Condition started = condition(s, "ProcessStarted");
                assertThat(started.status()).isEqualTo(ConditionStatus.FALSE);
                assertThat(started.reason()).isEqualTo("CrashLoopBackOff");
                assertThat(started.message())
                    .startsWith("back-off ")
                    .contains("(restart " + s.restartCount() + ")", "Exited with code 3");
                assertThat(condition(s, "Healthy").status()).isEqualTo(ConditionStatus.FALSE);
              });
      assertThat(seen)
          .as("every status the agent put while the process crash-looped")
          .isNotEmpty()
          .allSatisfy(
              s -> {
                if (s.phase() == ProcessPhase.Running) {
                  assertThat(s.pid()).as("a Running status names its pid").isNotNull();
                }
              })
          .anySatisfy(s -> assertThat(s.phase()).isEqualTo(ProcessPhase.CrashLoopBackOff));

      nats.keyValue(Buckets.DESIRED).delete(keyOf(device, dp));
      await().atMost(Duration.ofSeconds(30)).until(() -> status(device, dp) == null);
    }
  }

  /**
   * The heartbeat carries what the agent counted since it started: a process that keeps exiting is
   * restarted, an artifact whose SHA-256 differs is a fetch failure, a failing health check is one
   * failure per run.
   */
  @Test
  void theHeartbeatCountsRestartsFetchFailuresAndFailedHealthChecks() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-08");
    byte[] crashing = "#!/bin/sh\nexit 3\n".getBytes(StandardCharsets.UTF_8);
    byte[] sleeping = "#!/bin/sh\nexec sleep 300\n".getBytes(StandardCharsets.UTF_8);
    FILES.put("/h/crash", crashing);
    FILES.put("/h/sleep", sleeping);
    String base = "http://127.0.0.1:" + http.getAddress().getPort();
    try (Agent agent = agent(device, true)) {
      KeyValue desiredBucket = nats.keyValue(Buckets.DESIRED);
      desiredBucket.put(
          keyOf(device, "count-crash"),
          JSON.writeValueAsBytes(
              desired(device, "count-crash", "rev1", base + "/h/crash", sha256(crashing), "v1")));
      desiredBucket.put(
          keyOf(device, "count-badsha"),
          JSON.writeValueAsBytes(
              desired(device, "count-badsha", "rev1", base + "/h/sleep", "0".repeat(64), "v1")));
      DesiredProcess probed =
          desired(device, "count-probe", "rev1", base + "/h/sleep", sha256(sleeping), "v1");
      DeviceProcessSpec spec = probed.spec();
      desiredBucket.put(
          keyOf(device, "count-probe"),
          JSON.writeValueAsBytes(
              new DesiredProcess(
                  probed.namespace(),
                  probed.deviceProcess(),
                  probed.revision(),
                  probed.generation(),
                  new DeviceProcessSpec(
                      spec.deviceRef(),
                      spec.artifact(),
                      spec.execution(),
                      RestartPolicy.Never,
                      new HealthCheck(
                          new ExecAction(List.of("/bin/sh", "-c", "exit 1")),
                          null,
                          null,
                          0,
                          1,
                          1,
                          1,
                          1)))));
      KeyValue heartbeats = nats.keyValue(Buckets.HEARTBEAT);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                AgentCounters counted =
                    JSON.readValue(heartbeats.get(device.key()).getValue(), Heartbeat.class)
                        .counters();
                assertThat(counted.processRestarts()).as("restarts").isGreaterThanOrEqualTo(2);
                assertThat(counted.artifactFetchFailures()).as("fetch failures").isEqualTo(1);
                assertThat(counted.healthCheckFailures())
                    .as("failed health checks")
                    .isGreaterThanOrEqualTo(1);
              });
      for (String dp : List.of("count-crash", "count-badsha", "count-probe")) {
        desiredBucket.delete(keyOf(device, dp));
      }
    }
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
