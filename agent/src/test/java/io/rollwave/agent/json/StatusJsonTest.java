package io.rollwave.agent.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.nats.AgentCounters;
import io.rollwave.api.nats.Heartbeat;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ReportedStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Status and heartbeat are written as the operator's Jackson would, and it reads them back. */
class StatusJsonTest {
  @Test
  void writesEachStatusExactlyAsJacksonDoesAndJacksonReadsItBack() throws Exception {
    for (ReportedStatus r : PayloadSamples.statuses()) {
      byte[] written = StatusJson.write(r);
      assertThat(text(written)).isEqualTo(text(NatsJson.write(r)));
      assertThat(NatsJson.read(written, ReportedStatus.class)).isEqualTo(r);
    }
  }

  @Test
  void writesTheHeartbeatExactlyAsJacksonDoes() throws Exception {
    for (Heartbeat h :
        new Heartbeat[] {
          new Heartbeat("NetworkSwitch/infra/tor1", "2026-11-23T08:00:00.123456Z", "0.1.0"),
          new Heartbeat(
              "NetworkSwitch/infra/tor2",
              "2026-11-23T08:00:00Z",
              "0.1.0",
              new AgentCounters(3, 1, Long.MAX_VALUE)),
          new Heartbeat(PayloadSamples.AWKWARD, null, null)
        }) {
      assertThat(text(StatusJson.write(h))).isEqualTo(text(NatsJson.write(h)));
      assertThat(NatsJson.read(StatusJson.write(h), Heartbeat.class)).isEqualTo(h);
    }
  }

  private static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }
}
