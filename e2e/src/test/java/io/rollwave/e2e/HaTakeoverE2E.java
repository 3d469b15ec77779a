package io.rollwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.nats.client.Connection;
import io.rollwave.activities.DeviceAvailability;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.FreePorts;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TemporalTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two operator replicas ({@code rollwave operator --leader-election}, processes of their own) on
 * one Lease: while the leader lives the standby reconciles, publishes and writes nothing (its
 * metrics say so); the leader is SIGKILLed in the middle of a rollout of twelve simulated switches,
 * the standby takes the Lease and the rollout completes with every device at the new revision, each
 * DeviceProcess patched once, none created twice or lost, and every status the watch saw possible.
 * Prints the takeover time (docs/benchmarks.md holds it), asserting none.
 */
@ExtendWith(RealServers.class)
class HaTakeoverE2E {
  private static final String NS = "ha-takeover";
  private static final String LEASE = "rollwave-operator";
  private static final Path REPO = RepoLayout.find().root();
  private static final Path WORK = RepoLayout.targetDir("e2e-ha-takeover");
  private static final int DEVICES = 12;
  private static final Duration LIMIT = Duration.ofMinutes(3);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One operator replica and the port of its metrics and probes. */
  private record Replica(String identity, int port, Launched process) {
    static Replica start(
        String identity, KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) {
      int port = FreePorts.next();
      return new Replica(
          identity,
          port,
          Launched.controlPlane(
              REPO,
              WORK,
              identity,
              kube,
              nats,
              temporal,
              NS,
              "--metrics-port",
              String.valueOf(port),
              "--leader-election",
              "--lease-namespace",
              NS,
              "--leader-identity",
              identity));
    }

    /** The sum of a metric's series on this replica's /metrics; empty when it has none. */
    Optional<Double> metric(String name) throws IOException, InterruptedException {
      String body = get("/metrics").body();
      return body.lines()
          .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
          .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .reduce(Double::sum);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void standbyTakesTheLeaseWhenTheLeaderIsKilledMidRolloutAndTheRolloutCompletes(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) throws Exception {
    kube.createNamespace(NS);
    for (int i = 1; i <= DEVICES; i++) {
      kube.kubectlApply(
          WalkingSkeletonE2E.switchYaml("sw-%02d".formatted(i), "tor")
              .replace("namespace: e2e", "namespace: " + NS));
    }
    SweepLedger ledger = new SweepLedger(DEVICES);
    Replica leader = Replica.start("replica-a", kube, nats, temporal);
    Replica standby = null;
    try (KubernetesClient client = kube.client()) {
      await().atMost(LIMIT).untilAsserted(() -> assertThat(holder(client)).hasValue("replica-a"));
      standby = Replica.start("replica-b", kube, nats, temporal);
      Replica b = standby;
      await()
          .atMost(LIMIT)
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(b.get("/readyz").statusCode())
                    .as("a standby serving Temporal activities is ready")
                    .isEqualTo(200);
                assertThat(Files.readString(b.process().log())).contains("stands by");
              });
      try (Connection conn = nats.connect();
          FleetSimulator fleet = KillSweepE2E.simulatedSwitches(conn);
          Watch dps =
              client
                  .resources(DeviceProcess.class)
                  .inNamespace(NS)
                  .watch(KillSweepE2E.recording(ledger, dp -> ledger.dp(KillSweepE2E.event(dp))));
          Watch dpds =
              client
                  .resources(DeviceProcessDeployment.class)
                  .inNamespace(NS)
                  .watch(
                      KillSweepE2E.recording(ledger, dpd -> ledger.deployment(dpd.getStatus())))) {
        ledger.stage("v1");
        kube.kubectlApply(deploymentYaml("v1"));
        String v1 = awaitComplete(client);

        // the leader lives: the standby has reconciled, published and written nothing
        assertThat(leader.metric("rollwave_leader")).hasValue(1.0);
        assertThat(leader.metric("rollwave_desired_published_total")).get().isNotEqualTo(0.0);
        assertThat(standby.metric("rollwave_leader")).hasValue(0.0);
        assertThat(standby.metric("rollwave_desired_published_total"))
            .as("desired states the standby published")
            .hasValue(0.0);
        assertThat(standby.metric("rollwave_status_latency_seconds_count"))
            .as("DeviceProcess statuses the standby wrote")
            .hasValue(0.0);
        assertThat(standby.metric("rollwave_reconcile_duration_seconds_count"))
            .as("reconciles the standby ran")
            .isEmpty();
        assertThat(Files.readString(standby.process().log())).doesNotContain(": leads;");

        ledger.stage("v2");
        kube.kubectlApply(deploymentYaml("v2"));
        await()
            .atMost(LIMIT)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> onRevisionOtherThan(client, v1) >= 1);
        int movedBeforeKill = onRevisionOtherThan(client, v1);
        leader.process().kill();
        Instant killed = Instant.now();
        assertThat(leader.process().isAlive()).isFalse();
        assertThat(movedBeforeKill).as("killed mid-rollout").isLessThan(DEVICES);

        await()
            .atMost(LIMIT)
            .pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> assertThat(holder(client)).hasValue("replica-b"));
        Duration takeover = Duration.between(killed, Instant.now());
        String v2 = awaitComplete(client);
        Duration completed = Duration.between(killed, Instant.now());
        assertThat(v2).isNotEqualTo(v1);
        assertThat(standby.metric("rollwave_leader")).hasValue(1.0);
        assertThat(Files.readString(standby.process().log())).contains("replica-b: leads;");

        List<DeviceProcess> processes = fleet(client);
        assertThat(processes)
            .as("one DeviceProcess per switch, none duplicated or lost")
            .extracting(dp -> dp.getSpec().deviceRef().name())
            .containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.rangeClosed(1, DEVICES)
                    .mapToObj("sw-%02d"::formatted)
                    .toList());
        assertThat(processes)
            .allSatisfy(
                dp -> {
                  assertThat(DeviceAvailability.revisionOf(dp)).isEqualTo(v2);
                  assertThat(DeviceAvailability.available(dp)).isTrue();
                });
        DeviceProcessDeploymentStatus s = deployment(client).getStatus();
        assertThat(
                List.of(
                    s.desiredNumberScheduled(),
                    s.currentNumberScheduled(),
                    s.updatedNumberScheduled(),
                    s.numberReady(),
                    s.numberAvailable()))
            .as("desired, current, updated, ready, available")
            .containsOnly(DEVICES);
        assertThat(s.numberUnavailable()).isZero();
        assertThat(ledger.doublePatches()).as("DeviceProcesses patched twice").isEmpty();
        assertThat(ledger.countViolations()).as("impossible statuses").isEmpty();
        assertThat(ledger.watchFailures()).isEmpty();

        String line =
            "ha takeover: %d of %d devices moved when the leader was killed; lease taken %.1f s"
                    .formatted(movedBeforeKill, DEVICES, takeover.toMillis() / 1000.0)
                + " after SIGKILL, rollout complete %.1f s after"
                    .formatted(completed.toMillis() / 1000.0);
        System.out.println(line);
        Files.writeString(WORK.resolve("takeover.txt"), line + "\n");
      }
    } finally {
      leader.process().close();
      if (standby != null) {
        standby.process().close();
      }
    }
  }

  private static Optional<String> holder(KubernetesClient client) {
    Lease lease = client.resources(Lease.class).inNamespace(NS).withName(LEASE).get();
    return Optional.ofNullable(lease).map(Lease::getSpec).map(spec -> spec.getHolderIdentity());
  }

  /** Waits for the rollout of the current template to complete on every device; its revision. */
  private static String awaitComplete(KubernetesClient client) {
    long generation = deployment(client).getMetadata().getGeneration();
    return await()
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              DeviceProcessDeploymentStatus s = deployment(client).getStatus();
              if (s == null
                  || s.rollout() == null
                  || s.observedGeneration() == null
                  || s.observedGeneration() < generation
                  || s.rollout().phase() != RolloutPhase.Complete) {
                return null;
              }
              List<DeviceProcess> fleet = fleet(client);
              boolean all =
                  fleet.size() == DEVICES
                      && fleet.stream()
                          .allMatch(
                              dp ->
                                  DeviceAvailability.revisionOf(dp).equals(s.updateRevision())
                                      && DeviceAvailability.available(dp));
              return all ? s.updateRevision() : null;
            },
            revision -> revision != null);
  }

  private static int onRevisionOtherThan(KubernetesClient client, String revision) {
    return (int)
        fleet(client).stream()
            .filter(dp -> !DeviceAvailability.revisionOf(dp).equals(revision))
            .count();
  }

  private static List<DeviceProcess> fleet(KubernetesClient client) {
    return client
        .resources(DeviceProcess.class)
        .inNamespace(NS)
        .withLabel(Labels.DEPLOYMENT, "switch-agent")
        .list()
        .getItems();
  }

  /** The kill sweep's deployment (a canary of three, a 5 s pause, then two at a time) in NS. */
  private static String deploymentYaml(String version) {
    return KillSweepE2E.deploymentYaml(version)
        .replace("namespace: kill-sweep", "namespace: " + NS);
  }

  private static DeviceProcessDeployment deployment(KubernetesClient client) {
    return client
        .resources(DeviceProcessDeployment.class)
        .inNamespace(NS)
        .withName("switch-agent")
        .require();
  }
}
