package io.rollwave.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void readsEveryFlagWithDefaultsForTheRest() {
    BenchOptions o = BenchOptions.parse(List.of("--devices", "10_000"));
    assertThat(o).isEqualTo(new BenchOptions(10_000, 1, "10%", 0, 0, 600, "", false));

    BenchOptions all =
        BenchOptions.parse(
            List.of(
                "--devices",
                "1000",
                "--deployments",
                "3",
                "--max-unavailable",
                "25",
                "--ready-ms",
                "100..300",
                "--progress-deadline-seconds",
                "3600",
                "--operator-java-opts",
                "-Xmx1g",
                "--keep"));
    assertThat(all).isEqualTo(new BenchOptions(1000, 3, "25", 100, 300, 3600, "-Xmx1g", true));
  }

  @Test
  void splitsTheFleetOverDeploymentsAsEvenlyAsItGoes() {
    BenchOptions o = new BenchOptions(10, 3, "10%", 0, 0, 600, "", false);

    assertThat(List.of(o.devicesOf(0), o.devicesOf(1), o.devicesOf(2))).containsExactly(4, 3, 3);
  }

  @Test
  void refusesBadInputNamingTheFlag() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of()))
        .hasMessageContaining("--devices N is required");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--devices", "ten")))
        .hasMessageContaining("--devices needs a number");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--devices", "5", "--deployments", "6")))
        .hasMessageContaining("--deployments must be between 1 and the number of devices");
    assertThatThrownBy(
            () -> BenchOptions.parse(List.of("--devices", "5", "--max-unavailable", "x%")))
        .hasMessageContaining("--max-unavailable must be an int or a percent");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--devices", "5", "--ready-ms", "5..1")))
        .hasMessageContaining("--ready-ms");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--devices", "5", "--frobnicate", "1")))
        .hasMessageContaining("unknown flag --frobnicate");
  }
}
