package io.rollwave.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.PromoteRequest;
import io.rollwave.api.rollout.RollbackRequest;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlCallTest {
  static Stream<Arguments> calls() {
    ControlRequest why = new ControlRequest("alice", "window");
    return Stream.of(
        Arguments.of(Verb.PAUSE, false, Optional.empty(), "pauseRollout", why),
        Arguments.of(Verb.RESUME, false, Optional.empty(), "resumeRollout", why),
        Arguments.of(Verb.ABORT, false, Optional.empty(), "abortRollout", why),
        Arguments.of(Verb.RETRY, false, Optional.empty(), "retryRollout", why),
        Arguments.of(
            Verb.PROMOTE,
            true,
            Optional.empty(),
            "promoteRollout",
            new PromoteRequest("alice", "window", true)),
        Arguments.of(
            Verb.PROMOTE,
            false,
            Optional.empty(),
            "promoteRollout",
            new PromoteRequest("alice", "window", false)),
        Arguments.of(
            Verb.UNDO,
            false,
            Optional.of("7c9f"),
            "undoRollout",
            new RollbackRequest("alice", "window", "7c9f")),
        Arguments.of(
            Verb.UNDO,
            false,
            Optional.empty(),
            "undoRollout",
            new RollbackRequest("alice", "window", null)));
  }

  @ParameterizedTest(name = "{0} full={1} revision={2}")
  @MethodSource("calls")
  void eachVerbIsItsNamedUpdateWithTheRequester(
      Verb verb, boolean full, Optional<String> revision, String update, Object argument) {
    assertThat(ControlCall.of(verb, "alice", Optional.of("window"), full, revision))
        .isEqualTo(new ControlCall(update, argument));
  }
}
