package io.rollwave.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ViewRendererTest {
  static Stream<Arguments> views() {
    return Stream.of(
        Arguments.of(
            "paused by the gate",
            (Supplier<RolloutView>) Views::pausedByGate,
            """
            Name:         sw
            Namespace:    infra
            Phase:        Paused, held by failure gate (1 failed, maxFailures 0)
            Message:      FailureGate: 1 device failed
            Revisions:    stable #1 aaa111 (v1) -> update #2 bbb222 (v2)
            Step:         2 of 4
            Window:       2 devices; 3 batches so far, 5 devices moved
            Devices:      6 total, 4 updated, 3 updated and available, 1 unavailable, 1 failed
            Partitions by rack:
              PARTITION   DEVICES   UPDATED   AVAILABLE   FAILED
              rack1       3         3         2           1
              rack2       3         1         3           0
            Failed devices:
              tor-03   exit status 1
            """),
        Arguments.of(
            "complete, from the DPD's status only",
            (Supplier<RolloutView>) Views::completeWithoutTemporal,
            """
            Name:         sw
            Namespace:    infra
            Phase:        Complete
            Revisions:    stable = update #1 aaa111 (v1)
            Devices:      6 total, 4 updated, 5 available, 1 unavailable
            Note:         cannot reach Temporal at t:7233
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("views")
  void rendersTheViewAsGetPrintsIt(String what, Supplier<RolloutView> view, String expected) {
    assertThat(ViewRenderer.render(view.get())).isEqualTo(expected);
  }
}
