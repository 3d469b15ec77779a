package io.rollwave.demo;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nats.client.Connection;
import io.rollwave.api.Labels;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.bench.SimulatorConnection;
import io.rollwave.operator.ControlPlane;
import io.rollwave.operator.OperatorConfig;
import io.rollwave.operator.bridge.RolloutTarget;
import io.rollwave.rollout.fleet.DeviceFacts;
import io.rollwave.rollout.fleet.DevicePolicy;
import io.rollwave.rollout.fleet.FleetModel;
import io.rollwave.rollout.plan.IntOrPercent;
import io.rollwave.sim.FleetSimulator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code rollwave demo}: the control plane in-process against the servers {@code dev-env.sh up}
 * started, N simulated switches, a DeviceProcessDeployment rolled out at v1 then v2 with live
 * progress, then a bad v3 that the failure gate rolls back; the launcher prints the kubectl tables
 * at the end.
 */
public final class DemoMain {
  static final String NS = "rollwave-demo";
  static final String MAX_UNAVAILABLE = "25%";

  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    ControlPlane.sizeCommonPool();
    int devices = 20;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--devices") && i + 1 < args.length) {
        devices = parseDevices(args[++i]);
      } else {
        System.err.println("rollwave demo: unknown argument '" + args[i] + "' (try --devices N)");
        System.exit(2);
      }
    }
    Map<String, String> env = System.getenv();
    OperatorConfig config =
        OperatorConfig.fromMap(
            // no metrics port: two demos may run on one machine
            Map.of("namespace", NS, "signal-interval-ms", "250", "metrics-port", "0"), env);
    try (KubernetesClient kube =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(Path.of(env.get("KUBECONFIG")))))
                .build();
        ControlPlane plane = ControlPlane.start(config);
        Connection nats = SimulatorConnection.open(config.nats(), config.natsIdentity(), NS);
        FleetSimulator fleet =
            FleetSimulator.ofNamespace(nats, new FleetSimulator.Behaviour(300, 1500, 0, 42), NS)) {
      System.out.println("Security:       " + config.nats().describe());
      System.out.println(
          "                " + SimulatorConnection.describe(config.natsIdentity(), NS));
      System.out.println(
          "Devices:        "
              + devices
              + " simulated agents in this process (FleetSimulator, real NATS KV layout),"
              + " ready 0.3-1.5 s after their desired state changes");
      kube.namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .serverSideApply();
      for (int i = 1; i <= devices; i++) {
        apply(
            kube,
            switchYaml(
                String.format("tor%d-%02d", (i - 1) / 8 + 1, (i - 1) % 8 + 1),
                "rack" + ((i - 1) / 8 + 1)));
      }
      System.out.println(
          "\nkubectl apply: "
              + devices
              + " NetworkSwitches and DeviceProcessDeployment switch-agent (maxUnavailable "
              + MAX_UNAVAILABLE
              + ")");
      int window = Math.max(1, IntOrPercent.parse(MAX_UNAVAILABLE).scaledTo(devices, true));
      int maxFailures = maxFailures(window);
      WorkflowClient workflows =
          WorkflowClient.newInstance(
              WorkflowServiceStubs.newServiceStubs(
                  config
                      .temporalTls()
                      .apply(
                          WorkflowServiceStubsOptions.newBuilder()
                              .setTarget(config.temporalTarget()))
                      .build()));
      boolean first = true;
      for (String version : new String[] {"v1.2.3", "v1.2.4"}) {
        String sha = sha256(version);
        apply(kube, deploymentYaml(version, sha, maxFailures));
        System.out.println(
            first
                ? "\nInstalling "
                    + version
                    + " (every device is new, so all start at once: the window bounds updates):"
                : "\nRolling out " + version + " through a window of " + window + ":");
        follow(kube, version, window);
        WorkflowStub run =
            workflows.newUntypedWorkflowStub(RolloutInput.workflowId(NS, "switch-agent"));
        FleetCounts result = run.getResult(60, TimeUnit.SECONDS, FleetCounts.class);
        System.out.println(
            "Temporal: workflow "
                + RolloutInput.workflowId(NS, "switch-agent")
                + " finished its run with "
                + result.updatedAvailable()
                + "/"
                + result.total()
                + " devices available");
        first = false;
      }

      String bad = "v1.2.5";
      fleet.failVersion(bad);
      apply(kube, deploymentYaml(bad, sha256(bad), maxFailures));
      System.out.println(
          "\nRolling out "
              + bad
              + ", a bad build: every device fails its health check (failurePolicy: maxFailures "
              + maxFailures
              + ", action Rollback)");
      followRollback(kube);
    }
  }

  /** Waits until the failure gate has rolled the bad version back, and says what happened. */
  private static void followRollback(KubernetesClient kube) throws Exception {
    Instant start = Instant.now();
    while (Duration.between(start, Instant.now()).compareTo(Duration.ofMinutes(5)) < 0) {
      DeviceProcessDeploymentStatus s =
          kube.resources(DeviceProcessDeployment.class)
              .inNamespace(NS)
              .withName("switch-agent")
              .get()
              .getStatus();
      boolean rolledBack =
          s != null
              && s.conditions() != null
              && s.conditions().stream()
                  .anyMatch(
                      c -> c.type().equals("RolledBack") && c.status() == ConditionStatus.TRUE);
      if (rolledBack) {
        System.out.printf(
            "rolled back in %.1f s: status.rollout %s/%s: %s%n"
                + "every device runs revision %s again; the run waits in Aborted for a new"
                + " template or a retry signal%n",
            Duration.between(start, Instant.now()).toMillis() / 1000.0,
            s.rollout().phase(),
            s.rollout().reason(),
            s.rollout().message(),
            s.currentRevision());
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the bad version was not rolled back within 5 minutes; see the operator log above");
  }

  private static void follow(KubernetesClient kube, String version, int window) throws Exception {
    Instant start = Instant.now();
    String revision = null;
    long maxUnavailable = 0;
    String shown = "";
    boolean terminal = System.console() != null;
    while (Duration.between(start, Instant.now()).compareTo(Duration.ofMinutes(5)) < 0) {
      DeviceProcessDeployment dpd =
          kube.resources(DeviceProcessDeployment.class)
              .inNamespace(NS)
              .withName("switch-agent")
              .get();
      DeviceProcessDeploymentStatus s = dpd.getStatus();
      if (s != null
          && s.observedGeneration() != null
          && s.observedGeneration().equals(dpd.getMetadata().getGeneration())) {
        revision = s.updateRevision();
      }
      List<DeviceProcess> processes =
          kube.resources(DeviceProcess.class)
              .inNamespace(NS)
              .withLabel(Labels.DEPLOYMENT, "switch-agent")
              .list()
              .getItems();
      // counted as the operator counts them: through the fleet model, with the deployment's policy
      DevicePolicy policy = RolloutTarget.policyOf(dpd);
      Instant now = Instant.now();
      long unavailable =
          processes.stream()
              .filter(dp -> !FleetModel.of(DeviceFacts.of(dp, null), policy, now).available())
              .count();
      Map<String, Long> phases =
          processes.stream()
              .collect(
                  Collectors.groupingBy(
                      dp ->
                          dp.getStatus() == null || dp.getStatus().phase() == null
                              ? "NoStatus"
                              : dp.getStatus().phase().name(),
                      TreeMap::new,
                      Collectors.counting()));
      maxUnavailable = Math.max(maxUnavailable, unavailable);
      String line =
          ProgressLine.render(version, revision == null ? null : s, unavailable, window, phases);
      if (!line.equals(shown)) {
        System.out.print(terminal ? "\r" + line : line + System.lineSeparator());
        shown = line;
      }
      boolean allThere =
          s != null
              && s.desiredNumberScheduled() != null
              && s.desiredNumberScheduled().equals(s.updatedNumberScheduled())
              && s.desiredNumberScheduled().equals(s.numberReady());
      if (revision != null
          && allThere
          && s.rollout() != null
          && s.rollout().phase() == RolloutPhase.Complete) {
        System.out.printf(
            "%s%s complete in %.1f s: revision %s on every device; at most %d devices were unavailable at once%n",
            terminal ? System.lineSeparator() : "",
            version,
            Duration.between(start, Instant.now()).toMillis() / 1000.0,
            revision,
            maxUnavailable);
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        version + " did not complete within 5 minutes; see the operator log above");
  }

  private static void apply(KubernetesClient kube, String yaml) {
    kube.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .inNamespace(NS)
        .serverSideApply();
  }

  static String switchYaml(String name, String rack) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: NetworkSwitch
        metadata:
          name: %s
          namespace: rollwave-demo
          labels: {role: tor, type: switch, rack: %s}
        spec:
          model: tor-48x25g
        """
        .formatted(name, rack);
  }

  /**
   * The health gate's budget: one failed device, or none when the window holds one device. Failed
   * devices stay unavailable and fill the window, so a gate that tolerates as many failures as the
   * window holds never trips and the bad version is never rolled back.
   */
  static int maxFailures(int window) {
    return Math.max(0, Math.min(1, window - 1));
  }

  static String deploymentYaml(String version, String sha, int maxFailures) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: DeviceProcessDeployment
        metadata:
          name: switch-agent
          namespace: rollwave-demo
          labels: {app: switch-agent}
        spec:
          selector:
            matchLabels: {role: tor, type: switch}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate:
              maxUnavailable: %s
          failurePolicy: {maxFailures: %d, action: Rollback}
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
                args: ["--config", "/etc/switch-agent/config.yaml"]
              restartPolicy: Always
              healthCheck:
                exec:
                  command: ["/usr/bin/switch-agent", "health"]
                periodSeconds: 30
        """
        .formatted(MAX_UNAVAILABLE, maxFailures, version, sha, version);
  }

  private static int parseDevices(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n < 1 || n > 100_000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      System.err.println(
          "rollwave demo: --devices must be a number from 1 to 100000, got '" + text + "'");
      System.exit(2);
      return 0;
    }
  }

  private static String sha256(String text) throws Exception {
    byte[] d =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(text.getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(d);
  }
}
