package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.rollwave.operator.observe.Dashboard;
import io.rollwave.operator.observe.ExportedMetrics;
import io.rollwave.sim.FleetSimulator;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.TemporalTestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's metrics port on real kube-apiserver, NATS and Temporal: ready once synced, and the
 * rollout's counters moving on {@code /metrics} while it runs.
 */
@ExtendWith(RealServers.class)
class ObserveIT {
  private static final String NS = "observe-it";
  private static final String DPD = "deployment=\"switch-agent\",namespace=\"" + NS + "\"";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readyOnceSyncedAndTheRolloutsCountersMoveOnTheMetricsEndpoint(
      KubeTestServer kube, NatsTestServer natsServer, TemporalTestServer temporal)
      throws Exception {
    TestControlPlanes.switches(kube, NS, 4);
    int port = freePort();
    try (ControlPlane plane =
            ControlPlane.start(
                TestControlPlanes.config(
                    kube, natsServer, temporal, NS, Map.of("metrics-port", String.valueOf(port))));
        Connection nats = natsServer.connect();
        FleetSimulator agents = new FleetSimulator(nats, FleetSimulator.Behaviour.instant())) {
      assertThat(plane.metricsPort()).hasValue(port);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HttpResponse<String> ready = get(port, "/readyz");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                HttpResponse<String> live = get(port, "/healthz");
                assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
              });
      String before = get(port, "/metrics").body();
      assertThat(before)
          .contains("rollwave_status_backlog")
          .doesNotContain("rollwave_devices_patched_total{" + DPD + "}");

      // v1: the new deployment's DPs are created at its revision, no patch needed
      kube.kubectlApply(deployment("v1", "1"));
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                String scrape = get(port, "/metrics").body();
                assertThat(value(scrape, devices("updated"))).isEqualTo(4.0);
                assertThat(value(scrape, devices("ready"))).isEqualTo(4.0);
                assertThat(value(scrape, "rollwave_status_latency_seconds_count"))
                    .as("agents' reports written to DP status")
                    .isGreaterThanOrEqualTo(4.0);
                assertThat(value(scrape, "rollwave_rollouts{phase=\"Complete\"}")).isEqualTo(1.0);
                assertThat(scrape).contains("rollwave_reconcile_duration_seconds_count{");
              });
      double written = value(get(port, "/metrics").body(), "rollwave_status_latency_seconds_count");

      // v2: the rollout patches all four devices in batches
      kube.kubectlApply(deployment("v2", "2"));
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                String scrape = get(port, "/metrics").body();
                assertThat(value(scrape, "rollwave_devices_patched_total{" + DPD + "}"))
                    .isEqualTo(4.0);
                assertThat(value(scrape, "rollwave_batch_duration_seconds_count{" + DPD + "}"))
                    .isPositive();
                assertThat(value(scrape, "rollwave_status_latency_seconds_count"))
                    .isGreaterThanOrEqualTo(written + 4);
                assertThat(value(scrape, devices("updated"))).isEqualTo(4.0);
                assertThat(value(scrape, "rollwave_rollouts{phase=\"Complete\"}")).isEqualTo(1.0);
              });

      // the Temporal SDK reports every few seconds: then every name the dashboard reads is there
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(ExportedMetrics.sampleNames(get(port, "/metrics").body()))
                      .containsAll(Dashboard.metricNames()));
    }
  }

  private static String deployment(String version, String digit) {
    return ControlPlaneIT.deploymentYaml(version, digit.repeat(64))
        .replace("namespace: cp-it", "namespace: " + NS);
  }

  private static String devices(String state) {
    return "rollwave_deployment_devices{" + DPD + ",state=\"" + state + "\"}";
  }

  private static double value(String scrape, String sample) {
    return scrape.contains(sample + " ") ? ExportedMetrics.value(scrape, sample) : -1;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
