package io.rollwave.agent.backend.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.RunningProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecBackendTest {
  @TempDir Path dir;
  private final ExecBackend backend = new ExecBackend();

  private RunningProcess sleeper() throws Exception {
    return backend.start(
        new LaunchSpec(
            "sleeper",
            List.of("/bin/sh", "-c", "exec sleep 300"),
            Map.of(),
            dir,
            dir.resolve("log")));
  }

  @Test
  void adoptsARunningProcessByPidAndStartTime() throws Exception {
    RunningProcess started = sleeper();
    try {
      RunningProcess adopted =
          backend.adopt("sleeper", started.pid(), started.startedAt()).orElseThrow();
      assertThat(adopted.pid()).isEqualTo(started.pid());
      assertThat(adopted.isAlive()).isTrue();
      started.kill();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(adopted.onExit()).isCompletedWithValue(OptionalInt.empty()));
    } finally {
      started.kill();
    }
  }

  @Test
  void doesNotAdoptAReusedPid() throws Exception {
    RunningProcess started = sleeper();
    try {
      assertThat(backend.adopt("sleeper", started.pid(), started.startedAt().minusSeconds(5)))
          .as("same pid, another start time: another process")
          .isEmpty();
    } finally {
      started.kill();
    }
  }

  @Test
  void doesNotAdoptAnEndedProcess() throws Exception {
    RunningProcess started = sleeper();
    started.kill();
    assertThat(started.onExit().get()).hasValue(137);
    assertThat(backend.adopt("sleeper", started.pid(), started.startedAt())).isEmpty();
  }
}
