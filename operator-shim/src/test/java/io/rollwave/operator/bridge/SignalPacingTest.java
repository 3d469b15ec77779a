package io.rollwave.operator.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalPacingTest {
  @ParameterizedTest
  @CsvSource({
    "0, 1000",
    "20, 1000",
    "4000, 1000",
    "4001, 2000",
    "10000, 3000",
    "16001, 5000",
    "100000, 5000"
  })
  void largerFleetsAreSignalledLessOftenUpToFiveTimesTheBase(int devices, long interval) {
    assertThat(SignalPacing.intervalMillis(1000, devices)).isEqualTo(interval);
  }
}
