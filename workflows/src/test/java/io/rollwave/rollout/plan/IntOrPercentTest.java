package io.rollwave.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.api.Bounds;
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
    "3, 1, 3, 3",
    "0, 10, 0, 0",
    "1000000, 10, 1000000, 1000000"
  })
  void scalesLikeKubernetes(String spec, int total, int roundedUp, int roundedDown) {
    IntOrPercent value = IntOrPercent.parse(spec);
    assertThat(value.scaledTo(total, true)).isEqualTo(roundedUp);
    assertThat(value.scaledTo(total, false)).isEqualTo(roundedDown);
    assertThat(value.toString()).isEqualTo(spec);
  }

  /**
   * What the CRD schema refuses in an int-or-percent field (InvalidInputIT shows the API server
   * refusing the same), this refuses too; what it accepts (the rows above, the limits here), this
   * parses.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-1",
        "1x%",
        "101%",
        "%",
        "ten",
        "1.5",
        "99999999999",
        "1000001",
        "1000000000",
        "2147483648",
        "007",
        "01%",
        "000%",
        " 3",
        "3 ",
        "+3"
      })
  void rejectsWhatTheSchemaRefuses(String bad) {
    assertThatThrownBy(() -> IntOrPercent.parse(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 0 to " + Bounds.MAX_COUNT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "999999", "1000000", "0%", "1%", "9%", "10%", "99%", "100%"})
  void acceptsEveryValueTheSchemaAccepts(String good) {
    assertThat(IntOrPercent.parse(good).toString()).isEqualTo(good);
  }

  @ParameterizedTest
  @ValueSource(ints = {Bounds.MAX_COUNT + 1, Integer.MAX_VALUE})
  void refusesCountsPastTheBound(int count) {
    assertThatThrownBy(() -> IntOrPercent.of(count))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most " + Bounds.MAX_COUNT);
  }
}
