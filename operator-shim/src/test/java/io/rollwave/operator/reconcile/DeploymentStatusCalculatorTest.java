package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.deployment.RolloutStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentStatusCalculatorTest {
  private static final String WF = "rollout/ns/agent";

  @Test
  void countsLikeTheSeedWhileARolloutIsUnderWay() {
    DeviceProcessDeploymentStatus s =
        DeploymentStatusCalculator.calculate(
            2,
            false,
            4,
            List.of(
                new ProcessView("a", "r2", true),
                new ProcessView("b", "r2", false),
                new ProcessView("c", "r1", true),
                new ProcessView("d", "r1", true)),
            List.of(),
            "r2",
            WF,
            null,
            "2026-11-22T10:00:00Z");
    assertThat(s.desiredNumberScheduled()).isEqualTo(4);
    assertThat(s.currentNumberScheduled()).isEqualTo(4);
    assertThat(s.numberReady()).isEqualTo(3);
    assertThat(s.numberAvailable()).isEqualTo(3);
    assertThat(s.numberUnavailable()).isEqualTo(1);
    assertThat(s.updatedNumberScheduled()).isEqualTo(2);
    assertThat(s.observedGeneration()).isEqualTo(2);
    assertThat(s.currentRevision()).isNull();
    assertThat(s.rollout().workflowId()).isEqualTo(WF);
    assertThat(s.rollout().phase()).as("the workflow writes the phase").isNull();
    assertThat(s.conditions())
        .extracting(c -> c.type() + "/" + c.reason())
        .containsExactly(
            "Available/MinimumDevicesAvailable",
            "Progressing/RolloutInProgress",
            "Paused/NotPaused",
            "RolledBack/NotRolledBack");
  }

  @Test
  void completeWhenEveryDeviceRunsTheRevisionAndConditionTimesStayPut() {
    List<ProcessView> done =
        List.of(new ProcessView("a", "r2", true), new ProcessView("b", "r2", true));
    DeviceProcessDeploymentStatus first =
        DeploymentStatusCalculator.calculate(
            3, false, 2, done, List.of(), "r2", WF, null, "2026-11-22T10:00:00Z");
    DeviceProcessDeploymentStatus later =
        DeploymentStatusCalculator.calculate(
            3, false, 2, done, List.of(), "r2", WF, first, "2026-11-22T11:00:00Z");
    assertThat(first.currentRevision()).isEqualTo("r2");
    assertThat(first.conditions())
        .filteredOn(c -> c.type().equals("Progressing"))
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("RolloutComplete"));
    assertThat(later).as("nothing changed, so nothing to patch").isEqualTo(first);
  }

  @Test
  void specPausedShowsAsPausedUntilComplete() {
    List<ProcessView> half =
        List.of(new ProcessView("a", "r2", true), new ProcessView("b", "r1", true));
    DeviceProcessDeploymentStatus s =
        DeploymentStatusCalculator.calculate(
            4, true, 2, half, List.of(), "r2", WF, null, "2026-11-22T10:00:00Z");
    assertThat(s.conditions())
        .filteredOn(c -> c.type().equals("Paused"))
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("SpecPaused"));
  }

  @Test
  void devicesStillBakingAreReadyButNotAvailable() {
    List<ProcessView> baking =
        List.of(new ProcessView("a", "r2", true, true), new ProcessView("b", "r2", true, false));
    DeviceProcessDeploymentStatus s =
        DeploymentStatusCalculator.calculate(
            5, false, 2, baking, List.of(), "r2", WF, null, "2026-11-22T10:00:00Z");
    assertThat(s.numberReady()).isEqualTo(2);
    assertThat(s.numberAvailable()).isEqualTo(1);
    assertThat(s.numberUnavailable()).isEqualTo(1);
    assertThat(s.currentRevision()).as("not complete while a device bakes").isNull();
  }

  private static DeviceProcessDeploymentStatus reported(
      RolloutPhase phase, String reason, String message, String currentRevision) {
    return new DeviceProcessDeploymentStatus(
        1L,
        2,
        2,
        2,
        2,
        0,
        0,
        List.of(),
        "r2",
        currentRevision,
        new RolloutStatus(phase, reason, message, WF, "run-1", null));
  }

  private static String condition(DeviceProcessDeploymentStatus s, String type) {
    return s.conditions().stream()
        .filter(c -> c.type().equals(type))
        .map(c -> c.status() + "/" + c.reason() + "/" + c.message())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aRollbackShowsAsRolledBackWithTheFleetBackOnTheStableRevision() {
    List<ProcessView> back =
        List.of(new ProcessView("a", "r1", true), new ProcessView("b", "r1", true));
    DeviceProcessDeploymentStatus s =
        DeploymentStatusCalculator.calculate(
            2,
            false,
            2,
            back,
            List.of(),
            "r2",
            WF,
            reported(
                RolloutPhase.Aborted,
                "RolledBack",
                "Rolled back to revision r1: all 2 devices run it",
                "r1"),
            "2026-11-22T10:00:00Z");
    assertThat(condition(s, "RolledBack"))
        .isEqualTo("TRUE/RolledBack/Rolled back to revision r1: all 2 devices run it");
    assertThat(condition(s, "Progressing")).startsWith("FALSE/RolledBack/");
    assertThat(s.currentRevision()).isEqualTo("r1");
  }

  @Test
  void theWorkflowsPauseAndDegradedPhaseBecomeConditions() {
    List<ProcessView> half =
        List.of(new ProcessView("a", "r2", false), new ProcessView("b", "r1", true));
    DeviceProcessDeploymentStatus paused =
        DeploymentStatusCalculator.calculate(
            2,
            false,
            2,
            half,
            List.of(),
            "r2",
            WF,
            reported(RolloutPhase.Paused, "FailureBudgetExceeded", "Paused by failure-gate", "r1"),
            "2026-11-22T10:00:00Z");
    assertThat(condition(paused, "Paused"))
        .isEqualTo("TRUE/FailureBudgetExceeded/Paused by failure-gate");
    assertThat(condition(paused, "RolledBack")).startsWith("FALSE/NotRolledBack");

    DeviceProcessDeploymentStatus degraded =
        DeploymentStatusCalculator.calculate(
            2,
            false,
            2,
            half,
            List.of(),
            "r2",
            WF,
            reported(RolloutPhase.Degraded, "Forbidden", "patch forbidden; fix RBAC", "r1"),
            "2026-11-22T10:00:00Z");
    assertThat(condition(degraded, "Progressing"))
        .isEqualTo("FALSE/Forbidden/patch forbidden; fix RBAC");
    assertThat(condition(degraded, "Paused")).startsWith("FALSE/NotPaused");
  }

  @Test
  void aFleetSettledOnOneRevisionMakesItCurrent() {
    List<ProcessView> mixed =
        List.of(new ProcessView("a", "r0", true), new ProcessView("b", "r0", true));
    DeviceProcessDeploymentStatus s =
        DeploymentStatusCalculator.calculate(
            2,
            false,
            2,
            mixed,
            List.of(),
            "r2",
            WF,
            reported(null, null, null, "r1"),
            "2026-11-22T10:00:00Z");
    assertThat(s.currentRevision()).isEqualTo("r0");
  }
}
