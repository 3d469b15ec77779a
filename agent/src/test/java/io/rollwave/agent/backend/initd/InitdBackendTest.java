package io.rollwave.agent.backend.initd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.RunningProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The init script driven for real, against a temporary root instead of /etc/init.d. */
class InitdBackendTest {
  @TempDir Path dir;
  private InitdBackend backend;
  private RunningProcess process;

  private LaunchSpec spec(String name) throws Exception {
    backend = new InitdBackend(dir.resolve("init.d"), dir.resolve("run"), Duration.ofSeconds(5));
    return new LaunchSpec(
        name,
        List.of(
            "/bin/sh",
            "-c",
            "echo \"hello $GREETING\"; trap 'exit 0' TERM; while true; do sleep 1; done"),
        Map.of("GREETING", "from init.d"),
        Files.createDirectories(dir.resolve("work")),
        dir.resolve(name + ".log"));
  }

  @AfterEach
  void killLeftover() {
    if (process != null) {
      process.kill();
    }
  }

  @Test
  void startsReportsStatusAndStopsThroughTheScript() throws Exception {
    LaunchSpec spec = spec("svc-a");
    process = backend.start(spec);
    assertThat(dir.resolve("init.d/svc-a")).isExecutable();
    assertThat(Files.readString(dir.resolve("run/svc-a.pid")).strip())
        .isEqualTo(Long.toString(process.pid()));
    assertThat(process.isAlive()).isTrue();
    assertThat(backend.status("svc-a")).as("LSB status while running").isEqualTo(0);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(dir.resolve("svc-a.log")).content().contains("hello from init.d"));

    process.terminate();
    await().atMost(Duration.ofSeconds(30)).until(() -> process.onExit().isDone());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(backend.status("svc-a")).as("LSB status after stop").isEqualTo(3));
    assertThat(dir.resolve("run/svc-a.pid")).doesNotExist();
  }

  @Test
  void detectsACrash() throws Exception {
    LaunchSpec spec = spec("svc-b");
    process = backend.start(spec);
    ProcessHandle.of(process.pid()).orElseThrow().destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(process.onExit()).isCompletedWithValue(OptionalInt.empty()));
    assertThat(backend.status("svc-b")).as("dead with its pid file left").isEqualTo(1);
  }

  @Test
  void adoptsOnlyTheProcessItsPidFileNames() throws Exception {
    LaunchSpec spec = spec("svc-c");
    process = backend.start(spec);
    assertThat(backend.adopt("svc-c", process.pid(), process.startedAt()))
        .hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(process.pid()));
    assertThat(backend.adopt("svc-c", process.pid(), process.startedAt().minusSeconds(3)))
        .as("reused pid")
        .isEmpty();
    assertThat(backend.adopt("svc-other", process.pid(), process.startedAt()))
        .as("no script")
        .isEmpty();
  }
}
