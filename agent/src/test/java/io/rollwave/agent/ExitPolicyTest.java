package io.rollwave.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.RestartPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitPolicyTest {

  @ParameterizedTest(name = "{0}, failed={1}: restart={2}, else {3}")
  @CsvSource({
    "Always,    false, true,  Succeeded",
    "Always,    true,  true,  Failed",
    "OnFailure, false, false, Succeeded",
    "OnFailure, true,  true,  Failed",
    "Never,     false, false, Succeeded",
    "Never,     true,  false, Failed",
  })
  void restartsPerPolicyOrSettles(
      RestartPolicy policy, boolean failed, boolean restarts, ProcessPhase settled) {
    assertThat(ExitPolicy.restarts(policy, failed)).isEqualTo(restarts);
    assertThat(ExitPolicy.settledPhase(failed)).isEqualTo(settled);
  }

  @ParameterizedTest
  @CsvSource({"true", "false"})
  void noPolicyMeansAlways(boolean failed) {
    assertThat(ExitPolicy.restarts(null, failed)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "0,   Exited with code 0",
    "3,   Exited with code 3",
    "128, Exited with code 128",
    "137, Killed by signal 9",
    "143, Killed by signal 15",
  })
  void terminationReasonNamesTheCodeOrSignal(int code, String reason) {
    assertThat(ExitPolicy.terminationReason(code)).isEqualTo(reason);
  }
}
