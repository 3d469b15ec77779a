package io.rollwave.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.rollwave.operator.ControlPlane;
import io.rollwave.operator.TestControlPlanes;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.Commands;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TemporalTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl rollwave} against a real kube-apiserver and Temporal dev server, with the control
 * plane running in-process and simulated agents: status, get, history and plan of real rollouts.
 */
@ExtendWith(RealServers.class)
class CtlIT {
  private static final String NS = "ctl-it";
  private static ControlPlane plane;
  private static Connection nats;
  private static FleetSimulator agents;
  private static KubeTestServer kube;
  private static TemporalTestServer temporal;

  @BeforeAll
  static void start(KubeTestServer k, NatsTestServer natsServer, TemporalTestServer t)
      throws Exception {
    kube = k;
    temporal = t;
    TestControlPlanes.switches(kube, NS, 3);
    plane = ControlPlane.start(TestControlPlanes.config(kube, natsServer, temporal, NS, Map.of()));
    nats = natsServer.connect();
    agents = new FleetSimulator(nats, FleetSimulator.Behaviour.instant());
  }

  @AfterAll
  static void stop() throws Exception {
    agents.close();
    plane.close();
    nats.close();
  }

  static String deploymentYaml(String name, String version, String sha, String cause) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: DeviceProcessDeployment
        metadata:
          name: %s
          namespace: %s
          annotations:
            kubernetes.io/change-cause: "%s"
        spec:
          selector:
            matchLabels: {role: tor, type: switch}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate:
              maxUnavailable: 2
              partitionBy: rack
          template:
            spec:
              artifact:
                type: http
                url: https://artifacts.example/switch-agent-%s
                checksumSHA256: "%s"
                version: %s
              execution:
                backend: exec
                command: ["${ROLLWAVE_ARTIFACT}"]
        """
        .formatted(name, NS, cause, version, sha, version);
  }

  record Result(int exit, String out, String err) {}

  private static Result ctl(String... args) throws InterruptedException {
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(
        List.of(
            "-n",
            NS,
            "--kubeconfig",
            kube.kubeconfig().toString(),
            "--temporal-address",
            temporal.target()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        KubectlRollwave.run(
            line,
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String revision(int number) {
    return kube.kubectl(
            "get",
            "controllerrevisions",
            "-n",
            NS,
            "-l",
            "rollwave.io/deployment=sw",
            "-o",
            "jsonpath={.items[?(@.revision=="
                + number
                + ")].metadata.labels.rollwave\\.io/revision}")
        .trim();
  }

  @Test
  void followsARealRolloutThroughStatusGetHistoryAndPlan() throws Exception {
    kube.kubectlApply(deploymentYaml("sw", "v1", "1".repeat(64), "first install (alice)"));

    Result v1 = ctl("status", "sw", "--timeout", "120s");
    assertThat(v1.exit()).as(v1.toString()).isZero();
    String rev1 = revision(1);
    assertThat(v1.out())
        .endsWith("dpd \"sw\" successfully rolled out (revision " + rev1 + ", v1)\n");

    Result get = ctl("get", "sw");
    assertThat(get.exit()).as(get.toString()).isZero();
    assertThat(get.out())
        .contains("Phase:        Complete\n")
        .contains("Revisions:    stable = update #1 " + rev1 + " (v1)\n")
        .contains(
            "Devices:      3 total, 3 updated, 3 updated and available, 0 unavailable, 0 failed\n")
        .contains("Partitions by rack:\n")
        .contains("  rack1       3         3         3           0\n");

    kube.kubectlApply(deploymentYaml("sw", "v2", "2".repeat(64), "bump to v2 (bob)"));
    Result v2 = ctl("status", "sw", "--watch", "--timeout", "120s");
    assertThat(v2.exit()).as(v2.toString()).isZero();
    String rev2 = revision(2);
    assertThat(v2.out()).endsWith("successfully rolled out (revision " + rev2 + ", v2)\n");

    // the DPD's status names v2 stable once the operator has written it, just after the workflow
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Result history = ctl("history", "sw");
              assertThat(history.exit()).as(history.toString()).isZero();
              assertThat(history.out().lines().toList())
                  .hasSize(4)
                  .satisfies(
                      lines -> {
                        assertThat(lines.get(0)).isEqualTo("dpd " + NS + "/sw:");
                        assertThat(lines.get(2))
                            .matches(
                                "1\\s+"
                                    + rev1
                                    + "\\s+v1\\s+-\\s+\\S+Z\\s+https://artifacts.example/switch-agent-v1"
                                    + "\\s+first install \\(alice\\)");
                        assertThat(lines.get(3))
                            .matches(
                                "2\\s+"
                                    + rev2
                                    + "\\s+v2\\s+stable,update\\s+\\S+Z\\s+https://artifacts.example/"
                                    + "switch-agent-v2\\s+bump to v2 \\(bob\\)");
                      });
            });

    Result plan = ctl("plan", "sw");
    assertThat(plan.exit()).isZero();
    assertThat(plan.out()).contains("nothing to move: every device is at the revision");
  }

  /** A DPD of the same fleet with canary steps: one device, then an open pause. */
  private static String canaryYaml(String name, String version, String sha) {
    return deploymentYaml(name, version, sha, version)
        .replace(
            "      maxUnavailable: 2\n",
            "      maxUnavailable: 1\n      steps:\n      - batch: 1\n      - pause: {}\n");
  }

  private static String phaseOf(String name) {
    return kube.kubectl("get", "dpd", name, "-n", NS, "-o", "jsonpath={.status.rollout.phase}")
        .trim();
  }

  private static void awaitPhase(String name, String phase) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(120))
        .untilAsserted(() -> assertThat(phaseOf(name)).isEqualTo(phase));
  }

  private static Result accepted(String... args) throws InterruptedException {
    Result r = ctl(args);
    assertThat(r.exit()).as("%s: %s", String.join(" ", args), r).isZero();
    assertThat(r.out()).contains("accepted");
    return r;
  }

  private static Result refused(String... args) throws InterruptedException {
    Result r = ctl(args);
    assertThat(r.exit()).as("%s: %s", String.join(" ", args), r).isEqualTo(1);
    assertThat(r.err()).contains("refused");
    return r;
  }

  /**
   * Every control through the plugin against the real workflow's updates: pause and resume at a
   * canary pause, promote through it, abort (back to the stable version), retry, promote --full,
   * and undo once the rollout has finished; refusals say why.
   */
  @Test
  void drivesARolloutThroughEveryControlWithTheRealUpdates() throws Exception {
    kube.kubectlApply(canaryYaml("ctl", "v1", "a".repeat(64)));
    assertThat(ctl("status", "ctl", "--timeout", "120s").exit()).isZero();

    // v2 bakes each device 15 s: time to pause while its first batch bakes
    kube.kubectlApply(
        canaryYaml("ctl", "v2", "b".repeat(64))
            .replace("  selector:", "  minReadySeconds: 15\n  selector:"));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ctl("pause", "ctl", "--reason", "watch the first device").exit())
                    .isZero());
    awaitPhase("ctl", "Paused");
    assertThat(ctl("get", "ctl").out()).contains("watch the first device");
    assertThat(refused("pause", "ctl").err()).contains("already paused");
    accepted("resume", "ctl");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(ctl("get", "ctl").out()).contains("canary-step"));
    assertThat(refused("pause", "ctl").err()).contains("already paused by canary-step");
    assertThat(refused("retry", "ctl").err()).contains("nothing to retry");
    accepted("resume", "ctl");
    Result v2 = ctl("status", "ctl", "--timeout", "120s");
    assertThat(v2.exit()).as(v2.toString()).isZero();
    assertThat(refused("pause", "ctl").err()).contains("ended");

    kube.kubectlApply(canaryYaml("ctl", "v3", "c".repeat(64))); // minReadySeconds back to 0
    awaitPhase("ctl", "Paused");
    accepted("abort", "ctl", "--reason", "v3 looks wrong");
    awaitPhase("ctl", "Aborted");
    Result aborted = ctl("status", "ctl", "--timeout", "30s");
    assertThat(aborted.exit()).as(aborted.toString()).isEqualTo(1);
    accepted("retry", "ctl");
    awaitPhase("ctl", "Paused");
    accepted("promote", "ctl", "--full");
    Result v3 = ctl("status", "ctl", "--timeout", "120s");
    assertThat(v3.exit()).as(v3.toString()).isZero();
    assertThat(v3.out()).contains("v3");

    Result undo = ctl("undo", "ctl");
    assertThat(undo.exit()).as(undo.toString()).isZero();
    assertThat(undo.out()).contains("template restored to revision 2", "v2");
    awaitPhase("ctl", "Paused"); // the steps hold the rollout back to v2 as any other
    accepted("promote", "ctl", "--full");
    Result back = ctl("status", "ctl", "--timeout", "120s");
    assertThat(back.exit()).as(back.toString()).isZero();
    assertThat(back.out()).contains("v2");
    assertThat(ctl("history", "ctl").out()).contains("v3", "v2");
    assertThat(
            kube.kubectl(
                "get",
                "dpd",
                "ctl",
                "-n",
                NS,
                "-o",
                "jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}"))
        .startsWith("rollwave undo to revision 2 by ");
  }

  @Test
  void showsASpecPausedHoldAsTheWorkflowReportsIt() throws Exception {
    kube.kubectlApply(
        deploymentYaml("held", "v1", "3".repeat(64), "held")
            .replace("  selector:", "  paused: true\n  selector:"));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ctl("get", "held").out())
                    .contains("Phase:        Paused, held by spec.paused\n"));
    Result status = ctl("status", "held");
    assertThat(status.exit()).isZero();
    assertThat(status.out())
        .startsWith("Waiting for dpd \"held\" rollout to finish: paused by spec.paused");
    Result timedOut = ctl("status", "held", "--timeout", "2s");
    assertThat(timedOut.exit()).isEqualTo(1);
    assertThat(timedOut.out()).endsWith("error: timed out waiting for dpd \"held\" after 2s\n");
  }

  @Test
  void namesAnUnknownDeploymentAndAnUnreachableTemporal() throws Exception {
    Result unknown = ctl("status", "nope");
    assertThat(unknown)
        .isEqualTo(
            new Result(1, "", "error: no deviceprocessdeployment nope in namespace " + NS + "\n"));

    kube.kubectlApply(deploymentYaml("far", "v1", "4".repeat(64), "far"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        KubectlRollwave.run(
            List.of("pause", "far", "-n", NS, "--kubeconfig", kube.kubeconfig().toString()),
            Map.of("TEMPORAL_ADDRESS", "127.0.0.1:1"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("error: cannot reach Temporal at 127.0.0.1:1 (from TEMPORAL_ADDRESS); set it");
  }

  @Test
  void kubectlRunsThePluginTheLauncherInstalls(@TempDir Path bin) throws Exception {
    kube.kubectlApply(deploymentYaml("plug", "v1", "5".repeat(64), "plugged (carol)"));
    assertThat(ctl("status", "plug", "--timeout", "120s").exit()).isZero();
    Path root = RepoLayout.find().root();
    String installed =
        Commands.run(
            List.of(root.resolve("rollwave").toString(), "install-plugin", bin.toString()),
            Duration.ofSeconds(30));
    assertThat(installed).contains("installed " + bin.resolve("kubectl-rollwave"));
    assertThat(bin.resolve("kubectl-rollwave")).isExecutable();

    Commands.Result viaKubectl =
        Commands.tryRun(
            List.of(
                RepoLayout.binary("kubectl").toString(),
                "rollwave",
                "history",
                "plug",
                "-n",
                NS,
                "--kubeconfig",
                kube.kubeconfig().toString()),
            Map.of("PATH", bin + ":" + System.getenv("PATH")),
            null,
            Duration.ofMinutes(5));
    assertThat(viaKubectl.exitCode()).as(viaKubectl.output()).isZero();
    assertThat(viaKubectl.output()).contains(ctl("history", "plug").out());
  }

  /**
   * The test server's kubeconfig with its user entry renamed, so the name the kubeconfig gives and
   * the one the API server authenticates differ, and a second context "other" in {@link #NS}.
   */
  private static Path renamedKubeconfig(Path dir) throws Exception {
    String yaml = kube.kubeconfigYaml();
    assertThat(yaml).contains("user: kubeapitest").contains("- name: kubeapitest\n    user:");
    String renamed =
        yaml.replace("user: kubeapitest", "user: local-name")
            .replace("- name: kubeapitest\n    user:", "- name: local-name\n    user:")
            .replace(
                "contexts:\n",
                "contexts:\n  - context:\n      cluster: kubeapitest\n      namespace: "
                    + NS
                    + "\n      user: local-name\n    name: other\n");
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, renamed);
    return file;
  }

  @Test
  void recordsTheUserTheApiServerAuthenticatesNotTheKubeconfigsName(@TempDir Path dir)
      throws Exception {
    String expected =
        kube.kubectl("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}").trim();
    try (KubeCluster cluster =
        KubeCluster.connect(
            new CtlCommand.KubeFlags(
                Optional.of(renamedKubeconfig(dir).toString()),
                Optional.empty(),
                Optional.empty()))) {
      assertThat(expected).isNotBlank().isNotEqualTo("local-name");
      assertThat(cluster.whoami()).isEqualTo(expected);
    }
  }

  @Test
  void takesTheNamespaceFromTheContextAndRefusesAnUnknownContext(@TempDir Path dir)
      throws Exception {
    kube.kubectlApply(deploymentYaml("ctx", "v1", "6".repeat(64), "ctx"));
    Path kubeconfig = renamedKubeconfig(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        KubectlRollwave.run(
            List.of("history", "ctx", "--kubeconfig", kubeconfig.toString(), "--context", "other"),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("dpd " + NS + "/ctx:");

    err.reset();
    exit =
        KubectlRollwave.run(
            List.of("history", "ctx", "--kubeconfig", kubeconfig.toString(), "--context", "nope"),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "error: no context \"nope\" in the kubeconfig; `kubectl config get-contexts` lists"
                + " them\n");
  }
}
