package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.deployment.RolloutStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusPacingTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void countsAloneWaitForTheRestOfTheInterval() {
    Duration hold =
        StatusPacing.holdBack(
            status(10, "rev1", "5 of 10"), status(11, "rev1", "6 of 10"), 0L, SECOND / 4);

    assertThat(hold).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void countsAreWrittenOnceTheIntervalHasPassed() {
    assertThat(StatusPacing.holdBack(status(10, "rev1", "a"), status(11, "rev1", "b"), 0L, SECOND))
        .isZero();
  }

  @Test
  void aNewRevisionConditionOrRolloutIsWrittenAtOnce() {
    DeviceProcessDeploymentStatus before = status(10, "rev1", "a");

    assertThat(StatusPacing.holdBack(before, status(10, "rev2", "a"), 0L, 1)).isZero();
    assertThat(StatusPacing.holdBack(before, withAvailable(before, ConditionStatus.FALSE), 0L, 1))
        .isZero();
    assertThat(StatusPacing.holdBack(before, withRollout(before, RolloutPhase.Paused), 0L, 1))
        .isZero();
  }

  @Test
  void theFirstWriteIsNeverHeld() {
    assertThat(StatusPacing.holdBack(status(1, "r", "a"), status(2, "r", "b"), null, 0)).isZero();
    assertThat(StatusPacing.holdBack(null, status(2, "r", "b"), 0L, 0)).isZero();
  }

  private static DeviceProcessDeploymentStatus status(
      int available, String revision, String message) {
    return new DeviceProcessDeploymentStatus(
        1L,
        20,
        20,
        available,
        available,
        20 - available,
        20,
        List.of(
            new Condition(
                "Available", ConditionStatus.TRUE, "MinimumDevicesAvailable", message, "t", null)),
        revision,
        "rev0",
        new RolloutStatus(RolloutPhase.Progressing, null, null, "wf", "run", null));
  }

  private static DeviceProcessDeploymentStatus withAvailable(
      DeviceProcessDeploymentStatus s, ConditionStatus available) {
    return with(
        s,
        List.of(new Condition("Available", available, "NoDevicesAvailable", "m", "t", null)),
        s.rollout());
  }

  private static DeviceProcessDeploymentStatus withRollout(
      DeviceProcessDeploymentStatus s, RolloutPhase phase) {
    return with(s, s.conditions(), new RolloutStatus(phase, null, null, "wf", "run", null));
  }

  /** {@code s} with other conditions and rollout, every count the same. */
  private static DeviceProcessDeploymentStatus with(
      DeviceProcessDeploymentStatus s, List<Condition> conditions, RolloutStatus rollout) {
    return new DeviceProcessDeploymentStatus(
        s.observedGeneration(),
        s.desiredNumberScheduled(),
        s.currentNumberScheduled(),
        s.numberReady(),
        s.numberAvailable(),
        s.numberUnavailable(),
        s.updatedNumberScheduled(),
        conditions,
        s.updateRevision(),
        s.currentRevision(),
        rollout);
  }

  @Test
  void aLargeFleetIsCountedLessOftenUpToFiveSeconds() {
    long second = Duration.ofSeconds(1).toNanos();
    assertThat(StatusPacing.recountIn(10_000, 0L, second)).isEqualTo(Duration.ofSeconds(1));
    assertThat(StatusPacing.recountIn(10_000, 0L, 2 * second)).isZero();
    assertThat(StatusPacing.recountIn(100_000, 0L, second)).isEqualTo(Duration.ofSeconds(4));
    assertThat(StatusPacing.recountIn(1_000, 0L, second / 10)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aFleetNeverCountedIsCountedNow() {
    assertThat(StatusPacing.recountIn(100_000, null, 0)).isZero();
  }
}
