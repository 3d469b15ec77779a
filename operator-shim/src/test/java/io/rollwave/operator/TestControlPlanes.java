package io.rollwave.operator;

import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.TemporalTestServer;
import java.util.HashMap;
import java.util.Map;

/**
 * What the control-plane ITs share: a config for one namespace on the test servers, and devices.
 */
public final class TestControlPlanes {
  private TestControlPlanes() {}

  /** The control plane for namespace {@code ns} (also its task queue), plus {@code extra} flags. */
  public static OperatorConfig config(
      KubeTestServer kube,
      NatsTestServer nats,
      TemporalTestServer temporal,
      String ns,
      Map<String, String> extra) {
    Map<String, String> flags = new HashMap<>();
    flags.put("kubeconfig", kube.kubeconfig().toString());
    flags.put("temporal", temporal.target());
    flags.put("nats", nats.url());
    flags.put("nats-ca-file", nats.caFile().toString());
    flags.put("namespace", ns);
    flags.put("task-queue", ns);
    flags.put("signal-interval-ms", "200");
    flags.put("metrics-port", "0"); // many control planes share this machine
    flags.putAll(extra);
    return OperatorConfig.fromMap(flags, Map.of());
  }

  /** Creates namespace {@code ns} with NetworkSwitches tor-01..tor-0N in rack1, role tor. */
  public static void switches(KubeTestServer kube, String ns, int count) {
    kube.createNamespace(ns);
    for (int i = 1; i <= count; i++) {
      kube.kubectlApply(
          ControlPlaneIT.switchYaml("tor-0" + i, "rack1", "tor")
              .replace("namespace: cp-it", "namespace: " + ns));
    }
  }
}
