package io.rollwave.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntOrPercentTest {

  @ParameterizedTest(name = "{0} of {1}: up {2}, down {3}")
  @CsvSource({
    "10%, 100, 10, 10",
    "10%, 15, 2, 1",
    "10%, 5, 1, 0",
    "25%, 3, 1, 0",
    "100%, 7, 7, 7",
    "0%, 50, 0, 0",
    "3, 100, 3, 3",
    "3, 1, 3, 3"
  })
  void scalesLikeKubernetes(String spec, int total, int roundedUp, int roundedDown) {
    IntOrPercent value = IntOrPercent.parse(spec);
    assertThat(value.scaledTo(total, true)).isEqualTo(roundedUp);
    assertThat(value.scaledTo(total, false)).isEqualTo(roundedDown);
    assertThat(value.toString()).isEqualTo(spec);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "1x%", "101%", "%", "ten", "1.5", "99999999999"})
  void rejectsWhatIsNeitherCountNorPercentage(String bad) {
    assertThatThrownBy(() -> IntOrPercent.parse(bad)).isInstanceOf(IllegalArgumentException.class);
  }
}
