package io.rollwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.nats.client.Connection;
import io.rollwave.activities.DeviceAvailability;
import io.rollwave.api.Labels;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TemporalTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kill sweep: the operator ({@code rollwave operator}, a process of its own) is SIGKILLed and
 * started again at every point of four rollouts of ten simulated switches that a test can see:
 * right after each apply, after every DeviceProcess the rollout sets to a revision (each batch), at
 * every new rollout phase (a canary step's pause and its end, the health gate's rollback and its
 * end). Watches of the DeviceProcesses and the deployment record every change on the way; after
 * each rollout every device must be on one revision, by its spec and by its agent's report; no
 * DeviceProcess may be patched twice for one revision, and no status the watch saw may count more
 * updated than current, or current than desired, or desired than the fleet. Prints {@code N kills,
 * 0 devices left between revisions, 0 double patches}; docs/reliability.md holds the tally.
 */
@ExtendWith(RealServers.class)
class KillSweepE2E {
  private static final String NS = "kill-sweep";
  private static final Path REPO = RepoLayout.find().root();
  private static final Path WORK = RepoLayout.targetDir("e2e-kill-sweep");
  private static final int DEVICES = 10;
  private static final int MIN_KILLS = 20;
  private static final Duration STAGE_LIMIT = Duration.ofMinutes(5);

  /** One rollout of the sweep: its version, and whether the health gate must roll it back. */
  private record Stage(String version, boolean bad) {
    String name() {
      return version + (bad ? " (bad, rolled back)" : "");
    }
  }

  private static final List<Stage> STAGES =
      List.of(
          new Stage("v1", false),
          new Stage("v2", false),
          new Stage("v3", true),
          new Stage("v4", false));

  @Test
  void operatorKilledAtEveryPointOfItsRolloutsLeavesEveryDeviceOnOneRevisionPatchedOnce(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) throws Exception {
    kube.createNamespace(NS);
    for (int i = 1; i <= DEVICES; i++) {
      kube.kubectlApply(
          WalkingSkeletonE2E.switchYaml("sw-%02d".formatted(i), "tor")
              .replace("namespace: e2e", "namespace: " + NS));
    }
    SweepLedger ledger = new SweepLedger(DEVICES);
    int between = 0;
    String stable = null;
    OperatorKills operator;
    try (KubernetesClient client = kube.client();
        OperatorKills kills =
            new OperatorKills(
                n -> Launched.controlPlane(REPO, WORK, "operator-" + n, kube, nats, temporal, NS));
        Connection conn = nats.connect();
        FleetSimulator fleet = simulatedSwitches(conn);
        Watch dps =
            client
                .resources(DeviceProcess.class)
                .inNamespace(NS)
                .watch(recording(ledger, dp -> ledger.dp(event(dp))));
        Watch dpds =
            client
                .resources(DeviceProcessDeployment.class)
                .inNamespace(NS)
                .watch(recording(ledger, dpd -> ledger.deployment(dpd.getStatus())))) {
      operator = kills;
      STAGES.stream().filter(Stage::bad).forEach(s -> fleet.failVersion(s.version()));
      for (Stage stage : STAGES) {
        ledger.stage(stage.name());
        kube.kubectlApply(deploymentYaml(stage.version()));
        long generation = deployment(client).getMetadata().getGeneration();
        kills.killAndRestart(stage.name() + ": after apply");
        String expected = stage.bad() ? stable : null;
        Instant deadline = Instant.now().plus(STAGE_LIMIT);
        while (Instant.now().isBefore(deadline)) {
          long seen = ledger.milestones();
          String target = expected;
          try {
            await()
                .atMost(Duration.between(Instant.now(), deadline).plusSeconds(1))
                .pollInterval(Duration.ofMillis(100))
                .until(
                    () ->
                        ledger.milestones() > seen
                            || settled(client, generation, stage, target).isPresent());
          } catch (ConditionTimeoutException stuck) {
            break; // counted below as devices left between revisions
          }
          Optional<String> settledAt = settled(client, generation, stage, target);
          if (settledAt.isPresent()) {
            expected = settledAt.get();
            break;
          }
          kills.killAndRestart(ledger.lastMilestone());
        }
        int left = expected == null ? DEVICES : devicesBetween(client, expected);
        System.out.printf(
            "kill sweep: %s settled on revision %s after %d kills in all; %d devices left between"
                + " revisions%n",
            stage.name(), expected, kills.kills(), left);
        between += left;
        if (!stage.bad()) {
          stable = expected;
        }
      }
    }
    String tally =
        "%d kills, %d devices left between revisions, %d double patches"
            .formatted(operator.kills(), between, ledger.doublePatches().size());
    System.out.println(tally);
    System.out.println("kill points by kind: " + operator.pointsByKind());
    Files.writeString(
        WORK.resolve("tally.txt"),
        tally
            + "\nkill points by kind: "
            + operator.pointsByKind()
            + "\n"
            + String.join("\n", operator.points())
            + "\n");
    assertThat(operator.kills())
        .as("kills (points: %s)", operator.points())
        .isGreaterThanOrEqualTo(MIN_KILLS);
    assertThat(between).as(tally).isZero();
    assertThat(ledger.doublePatches()).as(tally).isEmpty();
    assertThat(ledger.watchFailures()).as("the watches saw every change").isEmpty();
    assertThat(ledger.statusesSeen()).as("deployment statuses the watch saw").isPositive();
    assertThat(ledger.countViolations())
        .as("statuses with updated > current, current > desired or desired > %d", DEVICES)
        .isEmpty();
  }

  /**
   * The revision every device settled on when the stage is over, else empty: for a good version,
   * the deployment's update revision, Complete; for a bad one, the stable revision {@code
   * rolledBackTo}, rolled back. Over means every device's spec and its agent's report say so.
   */
  private static Optional<String> settled(
      KubernetesClient client, long generation, Stage stage, String rolledBackTo) {
    DeviceProcessDeployment dpd = deployment(client);
    DeviceProcessDeploymentStatus s = dpd.getStatus();
    if (s == null
        || s.rollout() == null
        || s.observedGeneration() == null
        || s.observedGeneration() < generation) {
      return Optional.empty();
    }
    boolean over =
        stage.bad()
            ? s.rollout().phase() == RolloutPhase.Aborted
                && s.conditions() != null
                && s.conditions().stream()
                    .anyMatch(
                        c -> c.type().equals("RolledBack") && c.status() == ConditionStatus.TRUE)
            : s.rollout().phase() == RolloutPhase.Complete;
    String revision = stage.bad() ? rolledBackTo : s.updateRevision();
    return over && revision != null && devicesBetween(client, revision) == 0
        ? Optional.of(revision)
        : Optional.empty();
  }

  /**
   * Devices not on {@code revision}: a missing DeviceProcess, a spec set to another revision, or an
   * agent that does not report it Running and healthy at that revision.
   */
  private static int devicesBetween(KubernetesClient client, String revision) {
    List<DeviceProcess> processes =
        client
            .resources(DeviceProcess.class)
            .inNamespace(NS)
            .withLabel(Labels.DEPLOYMENT, "switch-agent")
            .list()
            .getItems();
    long on =
        processes.stream()
            .filter(dp -> DeviceAvailability.revisionOf(dp).equals(revision))
            .filter(DeviceAvailability::available)
            .count();
    return DEVICES - (int) on;
  }

  /** The switches' agents, once the operator has made the buckets they watch and write. */
  static FleetSimulator simulatedSwitches(Connection conn) throws Exception {
    List<String> buckets = List.of(Buckets.DESIRED, Buckets.STATUS, Buckets.HEARTBEAT);
    await()
        .atMost(Duration.ofMinutes(1))
        .ignoreExceptions()
        .until(() -> conn.keyValueManagement().getBucketNames().containsAll(buckets));
    return new FleetSimulator(conn, new FleetSimulator.Behaviour(500, 1500, 0, 14, 1_000));
  }

  private static DeviceProcessDeployment deployment(KubernetesClient client) {
    return client
        .resources(DeviceProcessDeployment.class)
        .inNamespace(NS)
        .withName("switch-agent")
        .require();
  }

  static SweepLedger.DpEvent event(DeviceProcess dp) {
    Map<String, String> annotations = dp.getMetadata().getAnnotations();
    return new SweepLedger.DpEvent(
        dp.getMetadata().getName(),
        dp.getMetadata().getGeneration(),
        DeviceAvailability.revisionOf(dp),
        annotations == null ? null : annotations.get(Labels.REVISION_SET_AT));
  }

  /** A watcher handing every added or modified object to {@code sink}. */
  static <T> Watcher<T> recording(SweepLedger ledger, Consumer<T> sink) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        if (action == Action.ADDED || action == Action.MODIFIED) {
          sink.accept(resource);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        ledger.watchFailed("watch closed: " + cause.getMessage());
      }
    };
  }

  /**
   * Ten switches, two unavailable at a time; a canary of three, then a 5 s pause; past one failed
   * device the health gate rolls back.
   */
  static String deploymentYaml(String version) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: DeviceProcessDeployment
        metadata:
          name: switch-agent
          namespace: %s
        spec:
          selector:
            matchLabels: {role: tor, type: switch}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate:
              maxUnavailable: 2
              steps:
              - batch: 3
              - pause: {duration: 5s}
          failurePolicy: {maxFailures: 1, action: Rollback}
          template:
            spec:
              artifact:
                type: oci
                url: ghcr.io/apollo/switch-agent:%s
                checksumSHA256: "%s"
                version: %s
              execution:
                backend: systemd
                command: ["/usr/bin/switch-agent"]
              restartPolicy: Always
        """
        .formatted(NS, version, "%064x".formatted(version.hashCode()), version);
  }
}
