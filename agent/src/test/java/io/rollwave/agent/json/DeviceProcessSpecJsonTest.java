package io.rollwave.agent.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.process.DeviceProcessSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The spec is written byte for byte as Jackson writes it: the state file's spec digest of a process
 * started by an agent that used Jackson must match, or an upgraded agent would restart it.
 */
class DeviceProcessSpecJsonTest {
  @Test
  void writesEachSpecExactlyAsJacksonDoes() throws Exception {
    for (DeviceProcessSpec spec : PayloadSamples.specs()) {
      assertThat(
              new String(
                  JsonWriter.toBytes(spec, DeviceProcessSpecJson::write), StandardCharsets.UTF_8))
          .isEqualTo(new String(NatsJson.MAPPER.writeValueAsBytes(spec), StandardCharsets.UTF_8));
    }
  }
}
