package io.rollwave.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.nats.NatsJson;
import java.nio.file.Files;
import java.nio.file.Path;
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
    ProcessStateStore store = new ProcessStateStore(dir, NatsJson.MAPPER);
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
    ProcessStateStore store = new ProcessStateStore(dir, NatsJson.MAPPER);
    assertThat(store.load("agent-a")).isEmpty();
    assertThat(dir.resolve("processes/agent-a.json.corrupt")).exists();
    assertThat(dir.resolve("processes/agent-a.json")).doesNotExist();
    assertThat(store.load("agent-a")).as("second load after setting aside").isEmpty();
  }

  @Test
  void recordWithoutPidIsCorrupt() throws Exception {
    Files.createDirectories(dir.resolve("processes"));
    Files.writeString(dir.resolve("processes/agent-a.json"), "{\"deviceProcess\": \"agent-a\"}");
    assertThat(new ProcessStateStore(dir, NatsJson.MAPPER).load("agent-a")).isEmpty();
    assertThat(dir.resolve("processes/agent-a.json.corrupt")).exists();
  }

  @Test
  void deleteForgetsTheRecord() throws Exception {
    ProcessStateStore store = new ProcessStateStore(dir, NatsJson.MAPPER);
    store.save(record);
    store.delete("agent-a");
    assertThat(store.load("agent-a")).isEmpty();
  }
}
