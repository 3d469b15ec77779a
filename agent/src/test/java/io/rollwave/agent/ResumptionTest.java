package io.rollwave.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.process.RestartPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResumptionTest {

  @ParameterizedTest(name = "alive={0} sameSpec={1} cached={2} {3}: {4}")
  @CsvSource({
    "true,  true,  true,  Always,    ADOPT",
    "true,  true,  true,  Never,     ADOPT",
    "true,  true,  false, Always,    REPLACE",
    "true,  false, true,  Always,    REPLACE",
    "true,  false, false, Never,     REPLACE",
    "false, false, true,  Always,    START",
    "false, false, true,  Never,     START",
    "false, true,  true,  Always,    RESTART",
    "false, true,  false, Always,    RESTART",
    "false, true,  true,  OnFailure, RESTART",
    "false, true,  true,  Never,     SETTLE",
  })
  void decidesFromLivenessSpecAndPolicy(
      boolean alive, boolean sameSpec, boolean cached, RestartPolicy policy, Resumption expected) {
    assertThat(Resumption.decide(alive, sameSpec, cached, policy)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"true", "false"})
  void noPolicyRestartsAProcessThatEndedWhileTheAgentWasDown(boolean cached) {
    assertThat(Resumption.decide(false, true, cached, null)).isEqualTo(Resumption.RESTART);
  }
}
