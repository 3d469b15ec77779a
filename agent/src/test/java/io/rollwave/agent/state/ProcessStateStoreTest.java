package io.rollwave.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollwave.api.nats.NatsJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStateStoreTest {
  @TempDir Path dir;

  private final ProcessRecord record =
      new ProcessRecord(
          "agent-a",
          "exec",
          "rev1",
          3,
          "abc",
          "/x/artifact",
          1234,
          "2026-11-23T08:00:00.120Z",
          "2026-11-23T08:00:00Z",
          2,
          "/x/previous");

  @Test
  void savedRecordLoadsBackAndLeavesNoTempFiles() throws Exception {
    ProcessStateStore store = new ProcessStateStore(dir);
    store.save(record);
    store.save(record);
    assertThat(store.load("agent-a")).contains(record);
    try (var files = Files.list(dir.resolve("processes"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("agent-a.json");
    }
  }

  @Test
  void corruptRecordIsSetAsideAndTreatedAsAbsent() throws Exception {
    Files.createDirectories(dir.resolve("processes"));
    Files.writeString(
        dir.resolve("processes/agent-a.json"), "{\"deviceProcess\": \"agent-a\", \"pi");
    ProcessStateStore store = new ProcessStateStore(dir);
    assertThat(store.load("agent-a")).isEmpty();
    assertThat(dir.resolve("processes/agent-a.json.corrupt")).exists();
    assertThat(dir.resolve("processes/agent-a.json")).doesNotExist();
    assertThat(store.load("agent-a")).as("second load after setting aside").isEmpty();
  }

  @Test
  void recordWithoutPidIsCorrupt() throws Exception {
    Files.createDirectories(dir.resolve("processes"));
    Files.writeString(dir.resolve("processes/agent-a.json"), "{\"deviceProcess\": \"agent-a\"}");
    assertThat(new ProcessStateStore(dir).load("agent-a")).isEmpty();
    assertThat(dir.resolve("processes/agent-a.json.corrupt")).exists();
  }

  @Test
  void deleteForgetsTheRecord() throws Exception {
    ProcessStateStore store = new ProcessStateStore(dir);
    store.save(record);
    store.delete("agent-a");
    assertThat(store.load("agent-a")).isEmpty();
  }

  @Test
  void writesTheFileAsAgentsThatUsedJacksonDidAndReadsTheirs() throws Exception {
    ProcessStateStore store = new ProcessStateStore(dir);
    ProcessRecord awkward =
        new ProcessRecord(
            "agent-a",
            "exec",
            null,
            Long.MAX_VALUE,
            "abc",
            "/x/\"a\" \u00e9\n",
            1,
            "t",
            null,
            0,
            "");
    for (ProcessRecord r : List.of(record, awkward)) {
      store.save(r);
      assertThat(Files.readString(dir.resolve("processes/agent-a.json")))
          .isEqualTo(new String(NatsJson.write(r), StandardCharsets.UTF_8));
      Files.write(dir.resolve("processes/agent-a.json"), NatsJson.write(r));
      assertThat(store.load("agent-a")).contains(r);
    }
  }

  @Test
  void aFileFromBeforePreviousArtifactPathReadsItAsNone() throws Exception {
    ObjectNode older = NatsJson.MAPPER.valueToTree(record);
    older.remove("previousArtifactPath");
    byte[] bytes = NatsJson.MAPPER.writeValueAsBytes(older);
    Files.createDirectories(dir.resolve("processes"));
    Files.write(dir.resolve("processes/agent-a.json"), bytes);

    ProcessRecord loaded = new ProcessStateStore(dir).load("agent-a").orElseThrow();

    assertThat(loaded).isEqualTo(NatsJson.read(bytes, ProcessRecord.class));
    assertThat(loaded.previousArtifactPath()).isEmpty();
    assertThat(loaded.pid()).isEqualTo(record.pid());
  }

  @Test
  void aRecordWithAFieldOfTheWrongTypeIsCorrupt() throws Exception {
    Files.createDirectories(dir.resolve("processes"));
    Files.writeString(
        dir.resolve("processes/agent-a.json"),
        "{\"deviceProcess\": \"agent-a\", \"pid\": \"1234\", \"processStartedAt\": \"t\"}");
    assertThat(new ProcessStateStore(dir).load("agent-a")).isEmpty();
    assertThat(dir.resolve("processes/agent-a.json.corrupt")).exists();
  }
}
