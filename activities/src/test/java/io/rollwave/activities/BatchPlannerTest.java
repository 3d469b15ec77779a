package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.activities.BatchPlan.Skip;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.fleet.DeviceHealth;
import io.rollwave.rollout.fleet.ModelledDevice;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BatchPlannerTest {

  /** "a:r1" available at r1; "a:r2-" unavailable at r2; "a:r2!" failed at r2. */
  private static List<ModelledDevice> fleet(String... devices) {
    return Arrays.stream(devices)
        .map(
            d -> {
              String name = d.substring(0, d.indexOf(':'));
              String rest = d.substring(d.indexOf(':') + 1);
              DeviceHealth health =
                  rest.endsWith("!")
                      ? DeviceHealth.FAILED
                      : rest.endsWith("-") ? DeviceHealth.STARTING : DeviceHealth.AVAILABLE;
              return new ModelledDevice(name, "", rest.replaceAll("[!-]$", ""), health);
            })
        .toList();
  }

  static Stream<Arguments> plans() {
    return Stream.of(
        // case, window, canary step batch, fleet, patched, skipped, counts after, failed
        Arguments.of(
            "a window of 1 moves one device",
            "1",
            null,
            fleet("a:r1", "b:r1", "c:r1"),
            List.of("a"),
            Map.of(Skip.NO_ROOM, 2),
            new FleetCounts(3, 1, 0, 1, 0),
            List.of()),
        Arguments.of(
            "a device still starting at the revision uses the window",
            "2",
            null,
            fleet("a:r2-", "b:r1", "c:r1"),
            List.of("b"),
            Map.of(Skip.AT_REVISION, 1, Skip.NO_ROOM, 1),
            new FleetCounts(3, 2, 0, 2, 0),
            List.of()),
        Arguments.of(
            "a canary step's batch bounds a wide window",
            "4",
            "1",
            fleet("a:r1", "b:r1", "c:r1", "d:r1"),
            List.of("a"),
            Map.of(Skip.STEP_REACHED, 3),
            new FleetCounts(4, 1, 0, 1, 0),
            List.of()),
        Arguments.of(
            "a failed device is listed with its reason and fills the window",
            "1",
            null,
            fleet("a:r2!", "b:r1"),
            List.of(),
            Map.of(Skip.AT_REVISION, 1, Skip.NO_ROOM, 1),
            new FleetCounts(2, 1, 0, 1, 1),
            List.of(new FailedDevice("a", "why a"))),
        Arguments.of(
            "a device unavailable at the old revision moves first",
            "1",
            null,
            fleet("a:r1", "b:r1-"),
            List.of("b"),
            Map.of(Skip.NO_ROOM, 1),
            new FleetCounts(2, 1, 0, 1, 0),
            List.of()),
        Arguments.of(
            "all at the revision: nothing to patch",
            "1",
            null,
            fleet("a:r2", "b:r2"),
            List.of(),
            Map.of(Skip.AT_REVISION, 2),
            new FleetCounts(2, 2, 2, 0, 0),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void plansABatch(
      String name,
      String window,
      String step,
      List<ModelledDevice> fleet,
      List<String> patched,
      Map<Skip, Integer> skipped,
      FleetCounts after,
      List<FailedDevice> failed) {
    BatchPlan plan =
        BatchPlanner.plan(
            RolloutInput.of("ns", "agent", "r2", window), step, fleet, d -> "why " + d);

    assertThat(plan.patch()).as(name).isEqualTo(patched);
    assertThat(plan.skipped()).as(name).isEqualTo(skipped);
    assertThat(plan.after()).as(name).isEqualTo(after);
    assertThat(plan.failed()).as(name).isEqualTo(failed);
  }

  @Test
  void anInvalidWindowFailsWithoutRetrySayingWhatToFix() {
    assertThatThrownBy(
            () ->
                BatchPlanner.plan(
                    RolloutInput.of("ns", "agent", "r2", "lots"), null, fleet("a:r1"), d -> ""))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("dpd ns/agent: invalid window")
        .hasMessageContaining("fix the DeviceProcessDeployment's rollout policy");
  }
}
