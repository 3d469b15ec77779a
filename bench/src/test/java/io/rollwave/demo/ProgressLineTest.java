package io.rollwave.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.deployment.RolloutStatus;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

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
  void beforeAnyStatusTheBarIsEmpty() {
    assertThat(ProgressLine.render("v1", null, 0, 1, Map.of()))
        .contains("[" + "-".repeat(30) + "]")
        .contains("Pending");
  }
}
