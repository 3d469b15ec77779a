package io.rollwave.agent.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.OptionalInt;

/** What the ITs check of every backend's process on the real service manager or engine. */
public final class BackendChecks {
  private BackendChecks() {}

  /**
   * A restarted agent adopts it (same pid and start time); asked to stop, it ends with {@code
   * exitCode} as the manager saw it, and there is nothing left to adopt.
   */
  public static void adoptableUntilStopped(
      Backend backend, String name, RunningProcess p, int exitCode) {
    assertThat(backend.adopt(name, p.pid(), p.startedAt()))
        .as("adopted by a restarted agent")
        .map(RunningProcess::pid)
        .contains(p.pid());

    p.terminate();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(p.onExit()).isCompletedWithValue(OptionalInt.of(exitCode)));
    assertThat(backend.adopt(name, p.pid(), p.startedAt()))
        .as("stopped: nothing to adopt")
        .isEmpty();
  }
}
