package io.rollwave.temporal;

import com.google.protobuf.util.Durations;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Temporal cluster ready for Rollwave: the namespace exists and the rollout search
 * attributes are registered in it. Idempotent: what exists is left alone; an attribute registered
 * with another type is an error, since Temporal cannot change it.
 */
public final class TemporalSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TemporalSetup.class);

  private final WorkflowServiceStubs workflowService;
  private final OperatorServiceStubs operatorService;

  public TemporalSetup(WorkflowServiceStubs workflowService, OperatorServiceStubs operatorService) {
    this.workflowService = workflowService;
    this.operatorService = operatorService;
  }

  /** Registers {@code namespace} (with {@code retention}) unless it exists. */
  public void ensureNamespace(String namespace, Duration retention) {
    try {
      workflowService
          .blockingStub()
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
      LOG.info("temporal namespace {} exists", namespace);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      workflowService
          .blockingStub()
          .registerNamespace(
              RegisterNamespaceRequest.newBuilder()
                  .setNamespace(namespace)
                  .setDescription("Rollwave rollouts")
                  .setWorkflowExecutionRetentionPeriod(Durations.fromSeconds(retention.toSeconds()))
                  .build());
      LOG.info("temporal namespace {} registered, retention {}", namespace, retention);
    }
  }

  /** Adds the missing search attributes to {@code namespace}; returns the names it added. */
  public List<String> ensureSearchAttributes(
      String namespace, List<SearchAttributeDefinition> wanted) {
    ListSearchAttributesResponse existing =
        operatorService
            .blockingStub()
            .listSearchAttributes(
                ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
    Map<String, IndexedValueType> custom = existing.getCustomAttributesMap();
    AddSearchAttributesRequest.Builder add =
        AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
    for (SearchAttributeDefinition attribute : wanted) {
      IndexedValueType current = custom.get(attribute.name());
      if (current == null) {
        add.putSearchAttributes(attribute.name(), attribute.type());
      } else if (current != attribute.type()) {
        throw new IllegalStateException(
            "search attribute "
                + attribute.name()
                + " exists in namespace "
                + namespace
                + " as "
                + current
                + " but Rollwave needs "
                + attribute.type()
                + ": remove it (temporal operator search-attribute remove) or use another namespace");
      }
    }
    List<String> added = List.copyOf(add.getSearchAttributesMap().keySet());
    if (!added.isEmpty()) {
      operatorService.blockingStub().addSearchAttributes(add.build());
      LOG.info("temporal namespace {}: registered search attributes {}", namespace, added);
    }
    return added;
  }
}
