package io.rollwave.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.RolloutProgress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusVerdictTest {
  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of(
            "complete at the spec's revision",
            view(2, RolloutPhase.Complete, "bbb222", "bbb222", null),
            new StatusVerdict(true, 0, "dpd \"sw\" successfully rolled out (revision bbb222, v2)")),
        Arguments.of(
            "complete, but at the previous revision",
            view(2, RolloutPhase.Complete, "bbb222", "aaa111", null),
            new StatusVerdict(false, 0, "Waiting for dpd \"sw\" spec update to be observed...")),
        Arguments.of(
            "spec not yet observed",
            view(1, RolloutPhase.Complete, "bbb222", "bbb222", null),
            new StatusVerdict(false, 0, "Waiting for dpd \"sw\" spec update to be observed...")),
        Arguments.of(
            "degraded",
            view(2, RolloutPhase.Degraded, "bbb222", "bbb222", null),
            new StatusVerdict(
                true,
                1,
                "error: dpd \"sw\" rollout is Degraded: Forbidden: cannot patch; fix the cause,"
                    + " then run: kubectl rollwave retry sw -n infra")),
        Arguments.of(
            "aborted",
            view(2, RolloutPhase.Aborted, "bbb222", "bbb222", null),
            new StatusVerdict(
                true, 1, "error: dpd \"sw\" rollout was aborted: Forbidden: cannot patch")),
        Arguments.of(
            "paused by someone",
            view(2, RolloutPhase.Paused, "bbb222", "bbb222", "alice (window)"),
            new StatusVerdict(
                false,
                0,
                "Waiting for dpd \"sw\" rollout to finish: paused by alice (window), 3 of 6"
                    + " updated devices are available...")),
        Arguments.of(
            "progressing",
            view(2, RolloutPhase.Progressing, "bbb222", "bbb222", null),
            new StatusVerdict(
                false,
                0,
                "Waiting for dpd \"sw\" rollout to finish: 3 of 6 updated devices are"
                    + " available...")),
        Arguments.of(
            "rolling back",
            view(2, RolloutPhase.RollingBack, "bbb222", "aaa111", null),
            new StatusVerdict(
                false,
                0,
                "Waiting for dpd \"sw\" rollout to finish: rolling back, 3 of 6 updated devices"
                    + " are available...")),
        Arguments.of(
            "no workflow answer: the DPD's counts",
            RolloutViews.of(
                dpd(2, RolloutPhase.Progressing),
                Optional.empty(),
                Views.REVISIONS,
                List.of(),
                Optional.empty()),
            new StatusVerdict(
                false,
                0,
                "Waiting for dpd \"sw\" rollout to finish: 4 of 6 devices are updated...")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void judgesLikeKubectlRolloutStatus(String what, RolloutView view, StatusVerdict expected) {
    assertThat(StatusVerdict.of(view)).isEqualTo(expected);
  }

  private static RolloutView view(
      long observed, RolloutPhase phase, String update, String workflowAt, String pausedBy) {
    RolloutProgress progress = Views.progress(phase.name(), workflowAt, pausedBy, 0);
    return RolloutViews.of(
        dpdAt(observed, phase, update),
        Optional.of(progress),
        Views.REVISIONS,
        List.of(),
        Optional.empty());
  }

  private static DeviceProcessDeployment dpd(long observed, RolloutPhase phase) {
    return dpdAt(observed, phase, "bbb222");
  }

  private static DeviceProcessDeployment dpdAt(long observed, RolloutPhase phase, String update) {
    return Deployments.dpd(
        "infra",
        "sw",
        0,
        null,
        Deployments.status(observed, "aaa111", update, phase, "Forbidden", "cannot patch"));
  }
}
