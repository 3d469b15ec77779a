package io.rollwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void recordedHistoriesReplayOnTheCurrentCode() throws Exception {
    List<Path> histories;
    try (Stream<Path> files = Files.list(RolloutWorkflowTest.HISTORIES)) {
      histories = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(histories).as("recorded histories").isNotEmpty();
    for (Path file : histories) {
      WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(file));
      WorkflowReplayer.replayWorkflowExecution(history, RolloutWorkflowImpl.class);
    }
  }
}
