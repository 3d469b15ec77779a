package io.rollwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What the workflow tests share: Temporal's test server as the real ones are set up, and replay.
 */
final class RolloutTestServer {
  /**
   * Set -Drollwave.recordHistories=true to rewrite the committed histories the replay test reads.
   */
  static final Path HISTORIES = Path.of("src/test/resources/histories");

  private RolloutTestServer() {}

  /** A test server with time skipping and every search attribute the real servers register. */
  static TestWorkflowEnvironment start() {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    RegisteredSearchAttributes.all()
        .forEach(
            (name, type) ->
                env.registerSearchAttribute(
                    name,
                    type.equals("Int")
                        ? IndexedValueType.INDEXED_VALUE_TYPE_INT
                        : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    return env;
  }

  /**
   * Replays the run's history on the current code, and with -Drollwave.recordHistories=true keeps
   * it under src/test/resources/histories for RolloutWorkflowReplayTest.
   */
  static void replayAndRecord(WorkflowClient client, String workflowId, String file)
      throws Exception {
    replayAndRecord(client.fetchHistory(workflowId), file);
  }

  /**
   * As above, for one of the runs from {@code firstRunId} on: {@code run} 0 is that run, 1 the one
   * it continued as, and so on.
   */
  static void replayAndRecordRun(
      WorkflowClient client, String workflowId, String firstRunId, int run, String file)
      throws Exception {
    String runId = firstRunId;
    WorkflowExecutionHistory history = client.fetchHistory(workflowId, runId);
    for (int i = 0; i < run; i++) {
      runId =
          history
              .getLastEvent()
              .getWorkflowExecutionContinuedAsNewEventAttributes()
              .getNewExecutionRunId();
      history = client.fetchHistory(workflowId, runId);
    }
    replayAndRecord(history, file);
  }

  private static void replayAndRecord(WorkflowExecutionHistory history, String file)
      throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history, RolloutWorkflowImpl.class);
    if (Boolean.getBoolean("rollwave.recordHistories")) {
      Files.createDirectories(HISTORIES);
      Files.writeString(HISTORIES.resolve(file), history.toJson(true));
    }
  }

  /**
   * Skips workflow time in quarter minutes until {@code condition} holds (at most two hours of
   * workflow time); queries alone do not let the test server skip time. Conditions read the
   * simulated fleet, not a query: a query that meets a run continuing as new leaves the test
   * server's time skipping locked, and its timers then run in real time.
   */
  static void skipUntil(TestWorkflowEnvironment env, BooleanSupplier condition) {
    for (int i = 0; i < 480 && !condition.getAsBoolean(); i++) {
      env.sleep(Duration.ofSeconds(15));
    }
    assertThat(condition.getAsBoolean()).as("reached within two hours of workflow time").isTrue();
  }
}
