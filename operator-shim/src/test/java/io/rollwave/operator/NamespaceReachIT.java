package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.rollwave.api.common.Condition;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.TemporalTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A DeviceProcess in namespace B whose deviceRef names a device of namespace A, on real servers:
 * refused and marked by default; with {@code --allow-cross-namespace-devices} it and a same-named
 * DeviceProcess of A get two keys on A's device.
 */
@ExtendWith(RealServers.class)
class NamespaceReachIT {
  private static final String A = "reach-a";
  private static final String B = "reach-b";
  private static final DeviceKey DEVICE = new DeviceKey(A, "NetworkSwitch", "tor-01");

  private static String process(String namespace, String deviceNamespace) {
    return """
        apiVersion: azure.com/v1alpha1
        kind: DeviceProcess
        metadata:
          name: agent
          namespace: %s
        spec:
          deviceRef: {kind: NetworkSwitch, name: tor-01%s}
          artifact:
            type: http
            url: https://artifacts.example/agent-v1
            checksumSHA256: "%s"
          execution:
            backend: exec
            command: ["${ROLLWAVE_ARTIFACT}"]
        """
        .formatted(
            namespace,
            deviceNamespace == null ? "" : ", namespace: " + deviceNamespace,
            "1".repeat(64));
  }

  /** The desired keys that name a DeviceProcess of {@code namespace}. */
  private static List<String> keysOf(KeyValue desired, String namespace) throws Exception {
    return desired.keys().stream()
        .filter(k -> DeviceKey.processOf(k).map(p -> p.namespace().equals(namespace)).orElse(false))
        .toList();
  }

  private static DesiredProcess read(KeyValue desired, ProcessId dp) throws Exception {
    KeyValueEntry entry = desired.get(DEVICE.processKey(dp));
    return entry == null ? null : NatsJson.read(entry.getValue(), DesiredProcess.class);
  }

  @Test
  void aProcessOfAnotherNamespaceReachesTheDeviceOnlyWithTheOptIn(
      KubeTestServer kube, NatsTestServer natsServer, TemporalTestServer temporal)
      throws Exception {
    TestControlPlanes.switches(kube, A, 1);
    kube.createNamespace(B);
    try (KubernetesClient client = kube.client();
        Connection nats = natsServer.connect()) {
      try (ControlPlane refusing =
          ControlPlane.start(TestControlPlanes.config(kube, natsServer, temporal, B, Map.of()))) {
        kube.kubectlApply(process(B, A));
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  DeviceProcess dp =
                      client.resources(DeviceProcess.class).inNamespace(B).withName("agent").get();
                  assertThat(dp.getStatus()).as("status of the refused DP").isNotNull();
                  assertThat(dp.getStatus().phase()).isEqualTo(ProcessPhase.Failed);
                  Condition reachable =
                      dp.getStatus().conditions().stream()
                          .filter(c -> c.type().equals("DeviceReachable"))
                          .findFirst()
                          .orElseThrow();
                  assertThat(reachable.reason()).isEqualTo("CrossNamespaceDevice");
                  assertThat(reachable.message())
                      .contains("set deviceRef.namespace to reach-b")
                      .contains("--allow-cross-namespace-devices");
                });
        List<Event> events =
            client.v1().events().inNamespace(B).list().getItems().stream()
                .filter(e -> "CrossNamespaceDevice".equals(e.getReason()))
                .toList();
        assertThat(events)
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.getInvolvedObject().getName()).isEqualTo("agent");
                  assertThat(e.getType()).isEqualTo("Warning");
                });
        // the mark is written where the entry would have been published: nothing is there
        assertThat(keysOf(nats.keyValue(Buckets.DESIRED), B)).isEmpty();
        assertThat(kube.kubectl("get", "dp", "agent", "-n", B, "--no-headers"))
            .doesNotContain("Running");
      }

      Map<String, String> optIn = Map.of("allow-cross-namespace-devices", "true");
      try (ControlPlane inA =
              ControlPlane.start(
                  TestControlPlanes.config(kube, natsServer, temporal, A, Map.of()));
          ControlPlane inB =
              ControlPlane.start(TestControlPlanes.config(kube, natsServer, temporal, B, optIn))) {
        kube.kubectlApply(process(A, null));
        KeyValue desired = nats.keyValue(Buckets.DESIRED);
        ProcessId ofA = new ProcessId(A, "agent");
        ProcessId ofB = new ProcessId(B, "agent");
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  assertThat(read(desired, ofA)).as("A's entry").isNotNull();
                  assertThat(read(desired, ofB)).as("B's entry").isNotNull();
                });
        assertThat(DEVICE.processKey(ofA)).isNotEqualTo(DEVICE.processKey(ofB));
        assertThat(read(desired, ofA).namespace()).isEqualTo(A);
        assertThat(read(desired, ofB).namespace()).isEqualTo(B);
        assertThat(keysOf(desired, A)).containsExactly(DEVICE.processKey(ofA));
        assertThat(keysOf(desired, B)).containsExactly(DEVICE.processKey(ofB));
      }
    }
  }
}
