package io.rollwave.operator.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An agent's newest report, read from a real NATS KV, and only while its device is heard. */
@ExtendWith(RealServers.class)
class HeardAgentReportsIT {
  private static final String NS = "heard-it";

  private static DeviceProcess dp(String device) {
    DeviceProcess dp = new DeviceProcess();
    dp.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("agent-" + device).build());
    dp.setSpec(
        new DeviceProcessSpec(
            new DeviceRef("NetworkSwitch", device, null),
            new Artifact(ArtifactType.HTTP, "https://a/x", "a".repeat(64), "v2"),
            new Execution(Backend.EXEC, List.of("/x"), null, null, null, null, null),
            RestartPolicy.Always,
            null));
    return dp;
  }

  private static DeviceProcessStatus ready(String revision) {
    return new DeviceProcessStatus(
        ProcessPhase.Running,
        List.of(new Condition("Healthy", ConditionStatus.TRUE, null, null, null, null)),
        "v2",
        42L,
        null,
        0,
        null,
        revision,
        1L);
  }

  @Test
  void aHeardDevicesNewestReportIsReadAndASilentDevicesIsNot(NatsTestServer server)
      throws Exception {
    try (Connection nats = server.connect()) {
      NatsKv.ensureBuckets(nats);
      KeyValue status = NatsKv.open(nats, Buckets.STATUS);
      DeviceProcess reporting = dp("tor-01");
      DeviceProcess silent = dp("tor-02");
      DeviceProcess quiet = dp("tor-03");
      DeviceProcess garbled = dp("tor-04");
      for (DeviceProcess dp : List.of(reporting, silent)) {
        status.put(
            DesiredStatePublisher.keyOf(dp),
            NatsJson.write(new ReportedStatus(NS, dp.getMetadata().getName(), 1L, ready("rev2"))));
      }
      status.put(
          DesiredStatePublisher.keyOf(garbled), "{not json".getBytes(StandardCharsets.UTF_8));
      Set<String> heard =
          Set.of(
              DesiredStatePublisher.deviceOf(reporting).key(),
              DesiredStatePublisher.deviceOf(quiet).key(),
              DesiredStatePublisher.deviceOf(garbled).key());
      HeardAgentReports reports = new HeardAgentReports(status, heard::contains);

      assertThat(reports.newest(reporting)).isEqualTo(ready("rev2"));
      assertThat(reports.newest(silent))
          .as("its last report says ready, but its device is no longer heard")
          .isNull();
      assertThat(reports.newest(quiet)).as("heard, but has reported nothing").isNull();
      assertThat(reports.newest(garbled)).as("an unreadable report says nothing").isNull();
    }
  }
}
