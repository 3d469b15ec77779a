package io.rollwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays the rollout histories recorded under {@code src/test/resources/histories} against the
 * current RolloutWorkflowImpl: a change that breaks determinism for runs already in flight fails
 * here. Re-record deliberately with {@code -Drollwave.recordHistories=true} only when running
 * workflows are known to be compatible (or versioned with Workflow.getVersion).
 */
class RolloutWorkflowReplayTest {
  private static final Duration REPLAY_DEADLOCK_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void recordedHistoriesReplayOnTheCurrentCode() throws Exception {
    List<Path> histories;
    try (Stream<Path> files = Files.list(RolloutWorkflowTest.HISTORIES)) {
      histories = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(histories).as("recorded histories").isNotEmpty();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // a replay checks determinism, not speed: the first replay's cold class loading on a loaded
      // CI machine must not trip the SDK's 1 s deadlock detector
      Worker worker =
          env.newWorker(
              "replay",
              WorkerOptions.newBuilder()
                  .setDefaultDeadlockDetectionTimeout(REPLAY_DEADLOCK_TIMEOUT.toMillis())
                  .build());
      worker.registerWorkflowImplementationTypes(RolloutWorkflowImpl.class);
      for (Path file : histories) {
        WorkflowExecutionHistory history =
            WorkflowExecutionHistory.fromJson(Files.readString(file));
        WorkflowReplayer.replayWorkflowExecution(history, worker);
      }
    }
  }
}
