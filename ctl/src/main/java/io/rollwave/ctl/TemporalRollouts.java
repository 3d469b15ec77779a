package io.rollwave.ctl;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.RolloutProgress;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * The plugin's calls to a rollout workflow, by name through an untyped stub: the {@code progress}
 * query and the control updates. Failures become {@link CtlFailure}s that say what to do.
 */
public final class TemporalRollouts implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final WorkflowClient client;
  private final String address;
  private final Runnable shutdown;

  public TemporalRollouts(WorkflowClient client, String address, Runnable shutdown) {
    this.client = client;
    this.address = address;
    this.shutdown = shutdown;
  }

  /**
   * Connects to Temporal at {@code settings}, or fails saying where it looked and how to change it.
   */
  public static TemporalRollouts connect(TemporalSettings settings) {
    WorkflowServiceStubs service;
    try {
      service =
          WorkflowServiceStubs.newConnectedServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(settings.address()).build(),
              CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw unreachable(settings.address() + " (from " + settings.from() + ")", e);
    }
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    return new TemporalRollouts(client, settings.address(), service::shutdown);
  }

  /** The workflow's {@code progress}; empty when there is no such workflow. */
  public Optional<RolloutProgress> progress(String workflowId) {
    try {
      return Optional.of(stub(workflowId).query("progress", RolloutProgress.class));
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (WorkflowServiceException e) {
      throw translate(workflowId, e);
    } catch (StatusRuntimeException e) {
      throw translate(workflowId, e);
    }
  }

  /**
   * Sends {@code call}'s update and waits for its answer. A refusal throws {@link ControlRefused}
   * with the validator's words; a finished rollout {@link RolloutEnded}.
   */
  public ControlOutcome control(String workflowId, ControlCall call) {
    try {
      return stub(workflowId).update(call.update(), ControlOutcome.class, call.argument());
    } catch (WorkflowUpdateException e) {
      throw new ControlRefused(reasonOf(e));
    } catch (WorkflowNotFoundException e) {
      if (ended(workflowId)) {
        throw new RolloutEnded(
            "its rollout workflow has ended, so no rollout is in progress; a new template starts"
                + " one");
      }
      throw noWorkflow(workflowId);
    } catch (WorkflowServiceException e) {
      throw translate(workflowId, e);
    } catch (StatusRuntimeException e) {
      throw translate(workflowId, e);
    }
  }

  /** The workflow exists but its last run has finished. */
  private boolean ended(String workflowId) {
    try {
      return stub(workflowId).describe().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  @Override
  public void close() {
    shutdown.run();
  }

  private WorkflowStub stub(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  /** The validator's or handler's own message, without the SDK's wrapping. */
  static String reasonOf(WorkflowUpdateException e) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof ApplicationFailure failure) {
        return failure.getOriginalMessage();
      }
      cause = cause.getCause();
    }
    return e.getMessage();
  }

  private CtlFailure translate(String workflowId, RuntimeException e) {
    Throwable t = e;
    while (t != null && !(t instanceof StatusRuntimeException)) {
      t = t.getCause();
    }
    if (t instanceof StatusRuntimeException s) {
      Status.Code code = s.getStatus().getCode();
      if (code == Status.Code.NOT_FOUND) {
        return noWorkflow(workflowId);
      }
      if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
        return unreachable(address, e);
      }
    }
    return new CtlFailure("Temporal refused the call on " + workflowId + ": " + e.getMessage(), e);
  }

  private static CtlFailure noWorkflow(String workflowId) {
    return new CtlFailure(
        "no rollout workflow "
            + workflowId
            + " in Temporal: is the operator running, and is this its Temporal namespace"
            + " (--temporal-namespace)?");
  }

  private static CtlFailure unreachable(String where, Throwable cause) {
    return new CtlFailure(
        "cannot reach Temporal at " + where + "; " + TemporalSettings.HOW_TO_SET, cause);
  }
}
