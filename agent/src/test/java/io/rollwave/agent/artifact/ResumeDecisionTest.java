package io.rollwave.agent.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResumeDecisionTest {

  @ParameterizedTest(name = "have {0}, {1} Content-Range ''{2}'' -> {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "0,    200, -,                   WRITE_FROM_START",
        "500,  200, -,                   WRITE_FROM_START", // the server ignored Range
        "500,  206, bytes 500-999/1000,  APPEND",
        "500,  206, bytes 500-999/*,     APPEND",
        "500,  206, bytes 0-999/1000,    DISCARD_AND_ASK_AGAIN", // not the part asked for
        "500,  206, -,                   DISCARD_AND_ASK_AGAIN",
        "0,    206, bytes 0-999/1000,    FAIL", // a part nobody asked for
        "1000, 416, bytes */1000,        DISCARD_AND_ASK_AGAIN", // the partial is no prefix
        "0,    416, -,                   FAIL",
        "500,  404, -,                   FAIL",
        "500,  503, -,                   FAIL",
      })
  void decidesFromTheBytesKeptAndTheAnswer(
      long have, int status, String contentRange, ResumeDecision expected) {
    assertThat(ResumeDecision.of(have, status, Optional.ofNullable(contentRange)))
        .isEqualTo(expected);
  }
}
