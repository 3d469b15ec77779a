package io.rollwave.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.api.rollout.FleetCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureGateTest {

  @ParameterizedTest(name = "maxFailures {0}, {1} updated, {2} failed, {3} accepted: tripped {4}")
  @CsvSource({
    "0,   10, 0, 0, false",
    "0,   10, 1, 0, true",
    "1,   10, 1, 0, false",
    "1,   10, 2, 0, true",
    "10%, 10, 1, 0, false",
    "10%, 10, 2, 0, true",
    "10%, 9,  1, 0, true", // 10% of 9 rounds down to 0
    "25%, 40, 10, 0, false",
    "0,   10, 3, 3, false", // resumed after 3 failures: those are accepted
    "0,   10, 4, 3, true",
    "100%, 5, 5, 0, false"
  })
  void tripsPastTheBudget(
      String maxFailures, int updated, int failed, int accepted, boolean tripped) {
    FleetCounts fleet = new FleetCounts(20, updated, updated - failed, failed, failed);
    assertThat(FailureGate.check(maxFailures, fleet, accepted).tripped()).isEqualTo(tripped);
  }

  @Test
  void unsetMeansNoFailureTolerated() {
    assertThat(FailureGate.check(null, new FleetCounts(3, 3, 2, 1, 1), 0).tripped()).isTrue();
  }

  @Test
  void aBadBudgetIsRejectedWithTheReason() {
    assertThatThrownBy(() -> FailureGate.check("lots", FleetCounts.EMPTY, 0))
        .hasMessageContaining("'lots' is neither");
  }
}
