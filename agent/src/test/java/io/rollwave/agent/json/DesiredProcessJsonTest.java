package io.rollwave.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.process.DeviceProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent reads desired entries exactly as the operator's Jackson wrote them. */
class DesiredProcessJsonTest {
  @Test
  void readsWhatTheOperatorsJacksonWrites() throws Exception {
    for (DesiredProcess d : PayloadSamples.desired()) {
      assertThat(DesiredProcessJson.read(NatsJson.write(d))).isEqualTo(d);
    }
  }

  @Test
  void ignoresFieldsItDoesNotKnowAtEveryLevel() throws Exception {
    DesiredProcess d = PayloadSamples.desired().get(0);
    ObjectNode root = NatsJson.MAPPER.valueToTree(d);
    addUnknown(root);
    byte[] newer = NatsJson.MAPPER.writeValueAsBytes(root);
    assertThat(new String(newer, StandardCharsets.UTF_8)).contains("\"addedLater\"");

    assertThat(DesiredProcessJson.read(newer)).isEqualTo(d);
  }

  /** Adds fields of every JSON type to each object in the tree, as a newer operator might. */
  private static void addUnknown(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.fields().forEachRemaining(e -> addUnknown(e.getValue()));
      o.put("addedLater", 1.5);
      o.putObject("addedLaterObject").putArray("list").add("x").add(2);
      o.putNull("addedLaterNull");
    } else if (node.isArray()) {
      node.forEach(DesiredProcessJsonTest::addUnknown);
    }
  }

  @Test
  void fieldsLeftOutOrNullReadAsJacksonReadsThem() throws Exception {
    for (String json :
        List.of(
            "{\"spec\":{\"artifact\":{},\"execution\":{}}}",
            "{\"namespace\":null,\"generation\":null,\"spec\":{\"artifact\":{\"type\":\"http\"},"
                + "\"execution\":{\"backend\":\"exec\",\"command\":[],\"env\":[{}],"
                + "\"resources\":{\"limits\":{}}},\"healthCheck\":{\"exec\":{}},"
                + "\"restartPolicy\":null},\"pullSecret\":{}}",
            "{\"spec\":{\"artifact\":{\"pullSecretRef\":{}},\"execution\":{\"resources\":{"
                + "\"limits\":{\"memory\":\"1Gi\",\"cpu\":2}}},\"healthCheck\":{\"httpGet\":{},"
                + "\"tcpSocket\":{}}}}")) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertThat(DesiredProcessJson.read(bytes))
          .as(json)
          .isEqualTo(NatsJson.read(bytes, DesiredProcess.class));
    }
    DesiredProcess sparse =
        DesiredProcessJson.read(
            "{\"spec\":{\"artifact\":{},\"execution\":{}}}".getBytes(StandardCharsets.UTF_8));
    assertThat(sparse.generation()).isZero();
    assertThat(sparse.pullSecret()).isNull();
    assertThat(sparse.spec().restartPolicy()).isNull();
  }

  @Test
  void malformedEntriesAreErrorsThatSayWhatIsWrongAndWhere() {
    assertUnreadable("{\"spec\": {\"artifact\": ", "not JSON: ");
    assertUnreadable("", "expected a JSON object, got nothing");
    assertUnreadable("[1, 2]", "expected a JSON object, got an array");
    assertUnreadable("{\"namespace\": \"ns\"}", "spec is missing");
    assertUnreadable("{\"spec\": {\"execution\": {}}}", "spec.artifact is missing");
    assertUnreadable("{\"spec\": 3}", "spec: expected an object, got the number 3");
    assertUnreadable(
        "{\"generation\": \"7\", \"spec\": {}}",
        "generation: expected a whole number, got a string");
    assertUnreadable(
        "{\"spec\": {\"artifact\": {}, \"execution\": {\"command\": [\"/bin/sh\", 3]}}}",
        "spec.execution.command[1]: expected a string, got the number 3");
    assertUnreadable(
        "{\"spec\": {\"artifact\": {}, \"execution\": {\"env\": [{\"name\": true}]}}}",
        "spec.execution.env[0].name: expected a string, got true");
    assertUnreadable(
        "{\"spec\": {\"artifact\": {\"type\": \"ftp\"}, \"execution\": {}}}",
        "spec.artifact.type: 'ftp' is not one of oci, http, file");
    assertUnreadable(
        "{\"spec\": {\"artifact\": {}, \"execution\": {\"backend\": \"EXEC\"}}}",
        "spec.execution.backend: 'EXEC' is not one of systemd, initd, container, exec");
    assertUnreadable(
        "{\"spec\": {\"artifact\": {}, \"execution\": {}, \"healthCheck\": {\"periodSeconds\":"
            + " 1.5}}}",
        "spec.healthCheck.periodSeconds: expected a whole number (32 bits), got the number 1.5");
    assertUnreadable(
        "{\"spec\": {\"artifact\": {}, \"execution\": {}, \"healthCheck\": {\"httpGet\":"
            + " {\"port\": 4294967296}}}}",
        "spec.healthCheck.httpGet.port: expected a whole number (32 bits), got the number"
            + " 4294967296");
    assertUnreadable(
        "{\"spec\": {\"artifact\": {}, \"execution\": {\"resources\": {\"limits\": {\"memory\":"
            + " \"\"}}}}}",
        "spec.execution.resources.limits.memory: not a quantity: Invalid quantity string format");
    assertUnreadable(
        "{\"spec\": {\"artifact\": {}, \"execution\": {}}, \"pullSecret\": {\"dockerConfigJson\":"
            + " {\"auths\": {}}}}",
        "pullSecret.dockerConfigJson: expected a string, got an object");
  }

  @Test
  void anErrorDoesNotRepeatAStringValueWhichMayBeACredential() {
    assertThatThrownBy(
            () ->
                DesiredProcessJson.read(
                    ("{\"spec\": {\"artifact\": {}, \"execution\": {}}, \"pullSecret\": \"c2VjcmV0\"}")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessage("pullSecret: expected an object, got a string");
  }

  @Test
  void whatJacksonRefusesTheAgentRefusesToo() {
    for (String json :
        List.of(
            "not json",
            "{\"spec\": {\"artifact\": {\"type\": \"OCI\"}, \"execution\": {}}}",
            "{\"spec\": {\"artifact\": {}, \"execution\": {\"args\": \"--v\"}}}",
            "{\"spec\": {\"artifact\": {}, \"execution\": {}, \"restartPolicy\": \"always\"}}",
            "{\"spec\": {\"artifact\": {}, \"execution\": {\"resources\": {\"limits\": {\"cpu\":"
                + " \"\"}}}}}")) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> NatsJson.read(bytes, DesiredProcess.class))
          .as(json)
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> DesiredProcessJson.read(bytes))
          .as(json)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void theSpecReadBackIsTheSpecWritten() throws Exception {
    for (DeviceProcessSpec spec : PayloadSamples.specs()) {
      byte[] written = JsonWriter.toBytes(spec, DeviceProcessSpecJson::write);
      assertThat(NatsJson.read(written, DeviceProcessSpec.class)).isEqualTo(spec);
    }
  }

  private static void assertUnreadable(String json, String messageStart) {
    assertThatThrownBy(() -> DesiredProcessJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .as(json)
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(messageStart);
  }
}
