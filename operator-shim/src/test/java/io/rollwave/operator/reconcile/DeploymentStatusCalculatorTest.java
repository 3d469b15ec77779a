package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
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
            "Paused/NotPaused");
  }

  @Test
  void completeWhenEveryDeviceRunsTheRevisionAndConditionTimesStayPut() {
    List<ProcessView> done =
        List.of(new ProcessView("a", "r2", true), new ProcessView("b", "r2", true));
    DeviceProcessDeploymentStatus first =
        DeploymentStatusCalculator.calculate(
            3, false, 2, done, "r2", WF, null, "2026-11-22T10:00:00Z");
    DeviceProcessDeploymentStatus later =
        DeploymentStatusCalculator.calculate(
            3, false, 2, done, "r2", WF, first, "2026-11-22T11:00:00Z");
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
            4, true, 2, half, "r2", WF, null, "2026-11-22T10:00:00Z");
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
            5, false, 2, baking, "r2", WF, null, "2026-11-22T10:00:00Z");
    assertThat(s.numberReady()).isEqualTo(2);
    assertThat(s.numberAvailable()).isEqualTo(1);
    assertThat(s.numberUnavailable()).isEqualTo(1);
    assertThat(s.currentRevision()).as("not complete while a device bakes").isNull();
  }
}
