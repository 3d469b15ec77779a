package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nats.client.Connection;
import io.rollwave.api.common.Condition;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.TemporalTestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A device whose agent goes silent is marked Unknown and unavailable; heard again, it is restored.
 */
@ExtendWith(RealServers.class)
class HeartbeatMonitorIT {
  private static final String NS = "heartbeat-it";

  @Test
  void silentDeviceBecomesUnknownAndRecoversWhenHeardAgain(
      KubeTestServer kube, NatsTestServer natsServer, TemporalTestServer temporal)
      throws Exception {
    TestControlPlanes.switches(kube, NS, 2);
    try (ControlPlane plane =
            ControlPlane.start(
                TestControlPlanes.config(
                    kube, natsServer, temporal, NS, Map.of("heartbeat-timeout-seconds", "2")));
        KubernetesClient client = kube.client();
        Connection nats = natsServer.connect();
        FleetSimulator agents =
            new FleetSimulator(nats, new FleetSimulator.Behaviour(0, 0, 0, 1, 300))) {
      kube.kubectlApply(
          ControlPlaneIT.deploymentYaml("v1", "1".repeat(64))
              .replace("namespace: cp-it", "namespace: " + NS));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(kube.kubectl("get", "dpd", "switch-agent", "-n", NS, "--no-headers"))
                      .matches("switch-agent\\s+2\\s+2\\s+2\\s+2\\s+0\\s+\\S+(\\s+\\S+)?\\s*"));

      String tor01 = new DeviceKey(NS, "NetworkSwitch", "tor-01").key();
      agents.silence(tor01);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcess dp = get(client, "switch-agent-tor-01");
                assertThat(dp.getStatus().phase()).isEqualTo(ProcessPhase.Unknown);
                Condition healthy =
                    dp.getStatus().conditions().stream()
                        .filter(c -> c.type().equals("Healthy"))
                        .findFirst()
                        .orElseThrow();
                assertThat(healthy.reason()).isEqualTo("AgentSilent");
                assertThat(kube.kubectl("get", "dpd", "switch-agent", "-n", NS, "--no-headers"))
                    .matches("switch-agent\\s+2\\s+2\\s+1\\s+1\\s+1\\s+\\S+(\\s+\\S+)?\\s*");
              });
      assertThat(get(client, "switch-agent-tor-02").getStatus().phase())
          .as("the device still heard from is untouched")
          .isEqualTo(ProcessPhase.Running);

      agents.unsilence(tor01);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(get(client, "switch-agent-tor-01").getStatus().phase())
                    .isEqualTo(ProcessPhase.Running);
                assertThat(kube.kubectl("get", "dpd", "switch-agent", "-n", NS, "--no-headers"))
                    .matches("switch-agent\\s+2\\s+2\\s+2\\s+2\\s+0\\s+\\S+(\\s+\\S+)?\\s*");
              });
    }
  }

  private static DeviceProcess get(KubernetesClient client, String name) {
    return client.resources(DeviceProcess.class).inNamespace(NS).withName(name).get();
  }
}
