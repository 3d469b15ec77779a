package io.rollwave.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.TemporalTestServer;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TemporalSetup against the Temporal CLI's dev server, in a namespace it creates itself. */
@ExtendWith(RealServers.class)
class TemporalSetupIT {
  private static WorkflowServiceStubs workflowService;
  private static OperatorServiceStubs operatorService;

  @BeforeAll
  static void connect(TemporalTestServer temporal) {
    workflowService =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporal.target())
                .validateAndBuildWithDefaults());
    operatorService =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(temporal.target())
                .validateAndBuildWithDefaults());
  }

  @AfterAll
  static void disconnect() {
    operatorService.shutdown();
    workflowService.shutdown();
  }

  @Test
  void registersNamespaceAndSearchAttributesOnceAndIsIdempotent(TemporalTestServer temporal) {
    TemporalSetup setup = new TemporalSetup(workflowService, operatorService);
    setup.ensureNamespace("rollwave-setup-it", Duration.ofDays(3));
    setup.ensureNamespace("rollwave-setup-it", Duration.ofDays(3));

    List<SearchAttributeDefinition> wanted = RolloutSearchAttributes.all();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(setup.ensureSearchAttributes("rollwave-setup-it", wanted))
                    .containsExactlyInAnyOrderElementsOf(
                        wanted.stream().map(SearchAttributeDefinition::name).toList()));

    assertThat(setup.ensureSearchAttributes("rollwave-setup-it", wanted))
        .as("second run adds nothing")
        .isEmpty();
    assertThat(temporal.cli("operator", "namespace", "describe", "rollwave-setup-it"))
        .contains("rollwave-setup-it");
  }

  @Test
  void refusesAnAttributeRegisteredWithAnotherType() {
    TemporalSetup setup = new TemporalSetup(workflowService, operatorService);
    List<SearchAttributeDefinition> conflicting =
        List.of(
            new SearchAttributeDefinition(
                "RolloutDeployment", IndexedValueType.INDEXED_VALUE_TYPE_INT));
    assertThatThrownBy(
            () -> setup.ensureSearchAttributes(TemporalTestServer.NAMESPACE, conflicting))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RolloutDeployment")
        .hasMessageContaining("INDEXED_VALUE_TYPE_KEYWORD");
  }
}
