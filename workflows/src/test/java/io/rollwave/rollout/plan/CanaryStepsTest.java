package io.rollwave.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.FleetCounts;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanaryStepsTest {
  private static final List<CanaryStep> STEPS =
      List.of(
          CanaryStep.batch("1"),
          CanaryStep.timedPause(600),
          CanaryStep.batch("25%"),
          CanaryStep.openPause());

  @ParameterizedTest(name = "batch {0} of {1} devices: cap {2}")
  @CsvSource({"1, 10, 1", "25%, 10, 3", "25%, 3, 1", "1%, 10, 1", "50, 10, 10", "100%, 7, 7"})
  void batchCapsRoundUpAreAtLeastOneAndAtMostTheFleet(String batch, int total, int cap) {
    assertThat(CanarySteps.cap(CanaryStep.batch(batch), total)).isEqualTo(cap);
  }

  @Test
  void aBatchStepMovesUpToItsCapThenAdvancesOnceSettled() {
    assertThat(CanarySteps.at(STEPS, 0, new FleetCounts(10, 0, 0, 0)))
        .isEqualTo(new StepAction.MoveUpTo(1));
    assertThat(CanarySteps.at(STEPS, 0, new FleetCounts(10, 1, 0, 1)))
        .as("moved but not yet available")
        .isEqualTo(new StepAction.MoveUpTo(1));
    assertThat(CanarySteps.at(STEPS, 0, new FleetCounts(10, 1, 1, 0)))
        .isEqualTo(new StepAction.Advance());
    assertThat(CanarySteps.at(STEPS, 2, new FleetCounts(10, 3, 2, 1, 1)))
        .as("a failure within the budget settles the step; the gate judges it")
        .isEqualTo(new StepAction.Advance());
  }

  @Test
  void pausesAreTimedOrOpenAndTheRestIsUnbounded() {
    assertThat(CanarySteps.at(STEPS, 1, FleetCounts.EMPTY))
        .isEqualTo(new StepAction.Pause(OptionalInt.of(600)));
    assertThat(CanarySteps.at(STEPS, 3, FleetCounts.EMPTY))
        .isEqualTo(new StepAction.Pause(OptionalInt.empty()));
    assertThat(CanarySteps.at(STEPS, 4, FleetCounts.EMPTY)).isEqualTo(new StepAction.Unbounded());
    assertThat(CanarySteps.at(List.of(), 0, FleetCounts.EMPTY))
        .isEqualTo(new StepAction.Unbounded());
  }
}
