package io.rollwave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test NATS server has JetStream over TLS, and a restart keeps its KV data and its address. */
@ExtendWith(RealServers.class)
class NatsTestServerIT {

  @Test
  void jetStreamKeyValueSurvivesARestart(NatsTestServer nats) throws Exception {
    Options options =
        nats.options().maxReconnects(-1).reconnectWait(Duration.ofMillis(100)).build();
    try (Connection connection = Nats.connect(options)) {
      connection
          .keyValueManagement()
          .create(
              KeyValueConfiguration.builder()
                  .name("it-desired")
                  .storageType(StorageType.File)
                  .build());
      KeyValue kv = connection.keyValue("it-desired");
      kv.put("infra-system.NetworkSwitch.tor1-01.switch-agent", "rev-1");

      nats.restart();

      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(
                          new String(
                              kv.get("infra-system.NetworkSwitch.tor1-01.switch-agent").getValue(),
                              StandardCharsets.UTF_8))
                      .isEqualTo("rev-1"));
    }
  }
}
