package io.rollwave.bench;

import com.google.protobuf.ByteString;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The history the rollouts' workflow runs wrote: events, runs, the largest run, signals. */
public final class TemporalHistory {
  private static final String NAMESPACE = "default";

  private TemporalHistory() {}

  /** Events of every run, the runs, the largest run, signals, and events by type. */
  public record Counts(
      long events, int runs, long maxRunEvents, long signals, Map<String, Long> byType) {}

  /** Counts the runs of {@code workflowIds} started at or after {@code since}. */
  public static Counts count(String target, List<String> workflowIds, Instant since) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      long events = 0;
      long signals = 0;
      long maxRun = 0;
      int runs = 0;
      Map<String, Long> byType = new TreeMap<>();
      for (String id : workflowIds) {
        ByteString page = ByteString.EMPTY;
        do {
          ListWorkflowExecutionsResponse list =
              service
                  .blockingStub()
                  .listWorkflowExecutions(
                      ListWorkflowExecutionsRequest.newBuilder()
                          .setNamespace(NAMESPACE)
                          .setQuery("WorkflowId = '" + id + "'")
                          .setNextPageToken(page)
                          .build());
          for (WorkflowExecutionInfo run : list.getExecutionsList()) {
            Instant started =
                Instant.ofEpochSecond(
                    run.getStartTime().getSeconds(), run.getStartTime().getNanos());
            if (started.isBefore(since)) {
              continue;
            }
            long[] counted = countRun(service, run, byType);
            runs++;
            events += counted[0];
            signals += counted[1];
            maxRun = Math.max(maxRun, counted[0]);
          }
          page = list.getNextPageToken();
        } while (!page.isEmpty());
      }
      return new Counts(events, runs, maxRun, signals, byType);
    } finally {
      service.shutdown();
    }
  }

  private static long[] countRun(
      WorkflowServiceStubs service, WorkflowExecutionInfo run, Map<String, Long> byType) {
    long events = 0;
    long signals = 0;
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse history =
          service
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(NAMESPACE)
                      .setExecution(run.getExecution())
                      .setNextPageToken(page)
                      .build());
      for (HistoryEvent e : history.getHistory().getEventsList()) {
        events++;
        byType.merge(
            e.getEventType().name().replace("EVENT_TYPE_", "").toLowerCase(Locale.ROOT),
            1L,
            Long::sum);
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
          signals++;
        }
      }
      page = history.getNextPageToken();
    } while (!page.isEmpty());
    return new long[] {events, signals};
  }
}
