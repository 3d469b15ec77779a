package io.rollwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.api.Labels;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TemporalTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * From {@code kubectl apply} to processes running on devices: real kube-apiserver, Temporal dev
 * server and NATS; the control plane and one agent per device started with the {@code rollwave}
 * launcher as separate processes; artifacts served over HTTP with real checksums.
 */
@ExtendWith(RealServers.class)
class WalkingSkeletonE2E {
  private static final String NS = "e2e";
  private static final Path REPO = RepoLayout.find().root();
  private static final Path WORK = RepoLayout.targetDir("e2e");

  private final List<AutoCloseable> started = new ArrayList<>();

  /** A tiny device process: a shell loop that exits cleanly on SIGTERM. */
  static String artifact(String version) {
    return "#!/bin/sh\n# switch-agent "
        + version
        + " (rollwave e2e)\ntrap 'exit 0' TERM\n"
        + "while true; do sleep 1; done\n";
  }

  static String switchYaml(String name, String role) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: NetworkSwitch
        metadata:
          name: %s
          namespace: e2e
          labels: {role: %s, type: switch}
        spec: {}
        """
        .formatted(name, role);
  }

  /** Shaped like seed 000's deployment, with an artifact the agents can really fetch and run. */
  static String deploymentYaml(String version, String url, String sha) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: DeviceProcessDeployment
        metadata:
          name: switch-agent
          namespace: e2e
          labels: {app: switch-agent}
        spec:
          selector:
            matchLabels:
              role: tor
              type: switch
          updateStrategy:
            type: RollingUpdate
            rollingUpdate:
              maxUnavailable: 1
          template:
            spec:
              artifact:
                type: http
                url: %s
                checksumSHA256: "%s"
                version: %s
              execution:
                backend: exec
                command: ["/bin/sh", "${ROLLWAVE_ARTIFACT}"]
                env:
                  - name: LOG_LEVEL
                    value: info
              restartPolicy: Always
              healthCheck:
                exec:
                  command: ["/bin/sh", "-c", "true"]
                periodSeconds: 1
        """
        .formatted(url, sha, version);
  }

  @AfterEach
  void stopProcesses() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  private Launched agent(NatsTestServer nats, String device) {
    Launched agent =
        Launched.switchAgent(
            REPO,
            WORK,
            "agent-" + device,
            nats,
            NS,
            device,
            WORK.resolve("devices").resolve(device));
    started.add(agent);
    return agent;
  }

  @Test
  void applyRollsOutToRealAgentsAndUpdatesThroughTheWindow(
      KubeTestServer kube, NatsTestServer nats, TemporalTestServer temporal) throws Exception {
    ArtifactServer artifacts = new ArtifactServer();
    started.add(artifacts);
    String v1 = artifacts.serve("/switch-agent/v1.2.3", artifact("v1.2.3"));
    String v2 = artifacts.serve("/switch-agent/v1.2.4", artifact("v1.2.4"));
    kube.createNamespace(NS);

    Launched operator = Launched.controlPlane(REPO, WORK, "operator", kube, nats, temporal, NS);
    started.add(operator);
    for (String device : List.of("tor1-01", "tor1-02", "tor1-03", "tor1-04")) {
      agent(nats, device);
    }

    for (String device : List.of("tor1-01", "tor1-02", "tor1-03")) {
      kube.kubectlApply(switchYaml(device, "tor"));
    }
    kube.kubectlApply(deploymentYaml("v1.2.3", artifacts.url("/switch-agent/v1.2.3"), v1));

    try (KubernetesClient client = kube.client()) {
      await()
          .atMost(Duration.ofMinutes(3))
          .untilAsserted(
              () -> {
                assertThat(operator.isAlive()).as("%s is running", operator).isTrue();
                assertThat(kube.kubectl("get", "dpd", "switch-agent", "-n", NS, "--no-headers"))
                    .matches("switch-agent\\s+3\\s+3\\s+3\\s+3\\s+0\\s+\\S+(\\s+\\S+)?\\s*");
              });
      List<String> table =
          List.of(kube.kubectl("get", "deviceprocess", "-n", NS).strip().split("\n"));
      assertThat(table.get(0)).matches("NAME\\s+DEVICE\\s+PHASE\\s+VERSION\\s+RESTARTS\\s+AGE");
      assertThat(table.subList(1, table.size()))
          .hasSize(3)
          .allMatch(
              l ->
                  l.matches(
                      "switch-agent-tor1-0[123]\\s+tor1-0[123]\\s+Running\\s+v1\\.2\\.3\\s+0\\s+\\S+"));
      Set<Long> v1Pids = pids(client);
      assertThat(v1Pids).hasSize(3).allMatch(WalkingSkeletonE2E::alive);

      // v1.2.4 through a window of 1, sampled all along; a fourth device joins mid-way
      AtomicInteger mostUnavailable = new AtomicInteger();
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler =
          new Thread(
              () -> {
                while (sampling.get()) {
                  mostUnavailable.accumulateAndGet(unavailableOriginals(client), Math::max);
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.start();
      kube.kubectlApply(deploymentYaml("v1.2.4", artifacts.url("/switch-agent/v1.2.4"), v2));
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> versions(client).values().stream().anyMatch("v1.2.4"::equals));
      kube.kubectlApply(switchYaml("tor1-04", "tor"));
      await()
          .atMost(Duration.ofMinutes(3))
          .untilAsserted(
              () -> {
                assertThat(versions(client))
                    .containsOnlyKeys(
                        "switch-agent-tor1-01",
                        "switch-agent-tor1-02",
                        "switch-agent-tor1-03",
                        "switch-agent-tor1-04")
                    .allSatisfy((dp, version) -> assertThat(version).isEqualTo("v1.2.4"));
                assertThat(kube.kubectl("get", "dpd", "switch-agent", "-n", NS, "--no-headers"))
                    .matches("switch-agent\\s+4\\s+4\\s+4\\s+4\\s+0\\s+\\S+(\\s+\\S+)?\\s*");
              });
      sampling.set(false);
      sampler.join();
      assertThat(mostUnavailable.get())
          .as("most of the original devices unavailable at once (maxUnavailable 1)")
          .isEqualTo(1);
      assertThat(v1Pids).as("the v1.2.3 processes are gone").noneMatch(WalkingSkeletonE2E::alive);
      assertThat(pids(client)).hasSize(4).allMatch(WalkingSkeletonE2E::alive);

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          temporal.cli(
                              "workflow",
                              "list",
                              "--query",
                              "RolloutDeployment='e2e/switch-agent' AND RolloutPhase='Complete'"))
                      .contains("rollout/e2e/switch-agent"));

      // relabelled so it no longer matches, the fourth device loses its DeviceProcess and process
      long tor104 = pidOf(client, "switch-agent-tor1-04");
      kube.kubectlApply(switchYaml("tor1-04", "spine"));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(versions(client)).doesNotContainKey("switch-agent-tor1-04");
                assertThat(alive(tor104)).as("process of the unmatched device stopped").isFalse();
              });
    }
  }

  private static List<DeviceProcess> processes(KubernetesClient client) {
    return client
        .resources(DeviceProcess.class)
        .inNamespace(NS)
        .withLabel(Labels.DEPLOYMENT, "switch-agent")
        .list()
        .getItems();
  }

  private static Map<String, String> versions(KubernetesClient client) {
    return processes(client).stream()
        .collect(
            Collectors.toMap(
                dp -> dp.getMetadata().getName(),
                dp ->
                    dp.getStatus() != null
                            && dp.getStatus().phase() == ProcessPhase.Running
                            && dp.getStatus().artifactVersion() != null
                        ? dp.getStatus().artifactVersion()
                        : "-"));
  }

  private static int unavailableOriginals(KubernetesClient client) {
    return (int)
        processes(client).stream()
            .filter(dp -> !dp.getMetadata().getName().equals("switch-agent-tor1-04"))
            .filter(dp -> !io.rollwave.activities.DeviceAvailability.available(dp))
            .count();
  }

  private static Set<Long> pids(KubernetesClient client) {
    return processes(client).stream()
        .map(dp -> dp.getStatus() == null ? null : dp.getStatus().pid())
        .filter(java.util.Objects::nonNull)
        .collect(Collectors.toSet());
  }

  private static long pidOf(KubernetesClient client, String dp) {
    return client
        .resources(DeviceProcess.class)
        .inNamespace(NS)
        .withName(dp)
        .get()
        .getStatus()
        .pid();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
