package io.rollwave.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.deployment.RolloutStatus;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressLineTest {

  @Test
  void showsBarCountsWindowAndPhases() {
    DeviceProcessDeploymentStatus s =
        new DeviceProcessDeploymentStatus(
            2L,
            20,
            20,
            15,
            15,
            5,
            10,
            null,
            "r2",
            "r1",
            new RolloutStatus(RolloutPhase.Progressing, null, null, null, null, null));
    String line =
        ProgressLine.render(
            "v1.2.4", s, 5, 5, new TreeMap<>(Map.of("Pending", 3L, "Running", 17L)));
    assertThat(line)
        .startsWith("v1.2.4 [" + "#".repeat(15) + "-".repeat(15) + "]")
        .contains("updated  10/20")
        .contains("ready  15")
        .contains("unavailable  5 (window 5)")
        .contains("Progressing")
        .endsWith("DPs: Pending 3, Running 17");
  }

  @Test
  void aRolloutWithoutAPhaseYetShowsPending() {
    DeviceProcessDeploymentStatus s =
        new DeviceProcessDeploymentStatus(
            1L,
            4,
            4,
            0,
            0,
            4,
            4,
            null,
            "r1",
            null,
            new RolloutStatus(null, null, null, null, null, null));
    assertThat(ProgressLine.render("v1", s, 4, 1, Map.of()))
        .contains("Pending")
        .doesNotContain("null");
  }

  @Test
  void beforeAnyStatusTheBarIsEmpty() {
    assertThat(ProgressLine.render("v1", null, 0, 1, Map.of()))
        .contains("[" + "-".repeat(30) + "]")
        .contains("Pending");
  }

  /**
   * Counts a status can hold for a moment (or a broken one for longer): every line renders, its bar
   * is WIDTH cells filled within 0..WIDTH, the counts are shown as the status says them, and any
   * count no fleet can have is named.
   */
  @ParameterizedTest(name = "desired {0} current {1} updated {2} ready {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
          # desired    | current     | updated     | ready | filled | named
          20           | 20          | 10          | 15    | 15     | ''
          20           | 40          | 40          | 20    | 30     | current 40 > desired 20, updated 40 > desired 20
          5            | 10          | 10          | 0     | 30     | current 10 > desired 5, updated 10 > desired 5
          1            | 2           | 2           | 2     | 30     | current 2 > desired 1, updated 2 > desired 1, ready 2 > desired 1
          0            | 3           | 3           | 0     | 0      | current 3 > desired 0, updated 3 > desired 0
          0            | 0           | 0           | 0     | 0      | ''
          20           | 20          | -3          | 0     | 0      | updated -3 < 0
          -1           | 0           | 0           | 0     | 0      | current 0 > desired -1, updated 0 > desired -1, ready 0 > desired -1, desired -1 < 0
          2147483647   | 2147483647  | 2147483647  | 0     | 30     | ''
          1            | 2147483647  | 2147483647  | 0     | 30     | current 2147483647 > desired 1, updated 2147483647 > desired 1
          -2147483648  | -2147483648 | -2147483648 | 0     | 0      | ready 0 > desired -2147483648, current -2147483648 < 0, updated -2147483648 < 0, desired -2147483648 < 0
          null         | null        | 7           | null  | 0      | updated 7 > desired 0
          """)
  void rendersAnyCountsWithABarWithinItsWidthAndNamesImpossibleOnes(
      Integer desired, Integer current, Integer updated, Integer ready, int filled, String named) {
    DeviceProcessDeploymentStatus s =
        new DeviceProcessDeploymentStatus(
            1L,
            desired,
            current,
            ready,
            ready,
            0,
            updated,
            null,
            "r2",
            "r1",
            new RolloutStatus(RolloutPhase.Progressing, null, null, null, null, null));

    String line = ProgressLine.render("v1.2.4", s, 0, 5, Map.of("Running", 1L));

    assertThat(line)
        .startsWith(
            "v1.2.4 ["
                + "#".repeat(filled)
                + "-".repeat(ProgressLine.WIDTH - filled)
                + "] updated "
                + String.format(
                    "%3d/%-3d", updated == null ? 0 : updated, desired == null ? 0 : desired));
    if (named.isEmpty()) {
      assertThat(line).endsWith("DPs: Running 1");
    } else {
      assertThat(line).endsWith("DPs: Running 1  (status: " + named + ")");
    }
  }
}
