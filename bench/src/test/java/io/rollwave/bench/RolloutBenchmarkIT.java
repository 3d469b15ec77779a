package io.rollwave.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.TemporalTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness at 1,000 devices on real servers, as CI's smoke check: it must finish and
 * account for every device. Its times are figures for docs/benchmarks.md, never asserted here.
 */
@ExtendWith(RealServers.class)
class RolloutBenchmarkIT {
  static final int DEVICES = 1_000;

  @Test
  void rollsOutToEveryDeviceAndAccountsForEachWrite(
      KubeTestServer kube, TemporalTestServer temporal, NatsTestServer nats, @TempDir Path work)
      throws Exception {
    BenchOptions options = new BenchOptions(DEVICES, 2, "10%", 0, 0, 600, "-Xmx512m", false);

    BenchReport report =
        new RolloutBenchmark(
                options, new Servers(kube.kubeconfig(), temporal.target(), nats.endpoint()), work)
            .run();

    System.out.println("rollwave bench (CI smoke, figures not asserted): " + report);
    assertThat(report.devices()).isEqualTo(DEVICES);
    // every device's spec patched exactly once, its status at most twice (one report per revision
    // from an instant agent, plus at most one heartbeat-driven change)
    assertThat(report.apiWritesByVerb()).containsEntry("PATCH", (long) DEVICES);
    assertThat(report.apiWritesByVerb().get("PATCH status"))
        .isBetween((long) DEVICES, 2L * DEVICES);
    assertThat(report.apiWritesByVerb()).doesNotContainKeys("POST", "PUT", "DELETE");
    assertThat(report.statusLatencySamples()).isEqualTo(DEVICES);
    assertThat(report.workflowRuns()).isGreaterThanOrEqualTo(options.deployments());
    assertThat(report.largestRunEvents()).isPositive().isLessThan(10_000);
    assertThat(report.signals()).isPositive();
    assertThat(report.operatorPeakRssMib()).isPositive();
    assertThat(report.operatorPeakHeapMib()).isPositive();
    assertThat(report.rolloutCpuSeconds())
        .as("CPU read for the operator, this JVM and every server")
        .containsKeys("operator", "benchmark+agents", "kube-apiserver", "etcd", "nats-server");
  }
}
