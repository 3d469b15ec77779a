package io.rollwave.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoMainTest {

  /**
   * The gate trips only past maxFailures, and failed devices fill the window: it must hold more.
   */
  @ParameterizedTest(name = "window {0}: maxFailures {1}")
  @CsvSource({"1, 0", "2, 1", "5, 1", "25000, 1"})
  void theBadVersionsGateCanTripWhateverTheWindow(int window, int maxFailures) {
    assertThat(DemoMain.maxFailures(window)).isEqualTo(maxFailures).isLessThan(window);
    assertThat(DemoMain.deploymentYaml("v1.2.5", "0".repeat(64), DemoMain.maxFailures(window)))
        .contains("failurePolicy: {maxFailures: " + maxFailures + ", action: Rollback}");
  }
}
