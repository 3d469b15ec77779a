package io.rollwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.deployment.RolloutStatus;
import io.rollwave.e2e.SweepLedger.DpEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SweepLedgerTest {

  /** A stage marker in a sequence of events. */
  private record Stage(String name) {}

  static Stream<Arguments> dpSequences() {
    return Stream.of(
        Arguments.of(
            "created, then moved once a stage",
            List.of(
                new Stage("v1"),
                dp("a", 1, "r1", null),
                new Stage("v2"),
                dp("a", 2, "r2", "t1"),
                new Stage("v3"),
                dp("a", 3, "r1", "t2")),
            3,
            0),
        Arguments.of(
            "status-only events change nothing",
            List.of(new Stage("v1"), dp("a", 1, "r1", null), dp("a", 1, "r1", null)),
            1,
            0),
        Arguments.of(
            "rolled forward and back in one stage: each revision entered once",
            List.of(
                new Stage("v1"),
                dp("a", 1, "r1", null),
                new Stage("v2"),
                dp("a", 2, "r2", "t1"),
                dp("a", 3, "r1", "t2")),
            3,
            0),
        Arguments.of(
            "patched again to the revision it has: spec replaced",
            List.of(new Stage("v2"), dp("a", 2, "r2", "t1"), dp("a", 3, "r2", "t1")),
            1,
            1),
        Arguments.of(
            "patched again to the revision it has: only the set-at time moves",
            List.of(new Stage("v2"), dp("a", 2, "r2", "t1"), dp("a", 2, "r2", "t2")),
            1,
            1),
        Arguments.of(
            "created at a revision, then set to it",
            List.of(new Stage("v1"), dp("a", 1, "r1", null), dp("a", 1, "r1", "t1")),
            1,
            1),
        Arguments.of(
            "moved to a revision it already entered in the same stage",
            List.of(
                new Stage("v1"),
                dp("a", 1, "r1", null),
                new Stage("v2"),
                dp("a", 2, "r2", "t1"),
                dp("a", 3, "r1", "t2"),
                dp("a", 4, "r2", "t3")),
            4,
            1),
        Arguments.of(
            "two devices, each moved once",
            List.of(
                new Stage("v2"),
                dp("a", 1, "r1", null),
                dp("b", 1, "r1", null),
                dp("b", 2, "r2", "t1"),
                dp("a", 2, "r2", "t1")),
            4,
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dpSequences")
  void countsMilestonesAndDoublePatches(
      String why, List<Object> events, long milestones, int doublePatches) {
    SweepLedger ledger = new SweepLedger(10);
    for (Object e : events) {
      if (e instanceof Stage s) {
        ledger.stage(s.name());
      } else {
        ledger.dp((DpEvent) e);
      }
    }
    assertThat(ledger.milestones()).as("milestones").isEqualTo(milestones);
    assertThat(ledger.doublePatches()).as("double patches").hasSize(doublePatches);
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(10, 10, 10, true),
        Arguments.of(10, 10, 0, true),
        Arguments.of(0, 0, 0, true),
        Arguments.of(null, null, null, true),
        Arguments.of(10, 10, 11, false),
        Arguments.of(10, 9, 10, false),
        Arguments.of(20, 40, 40, false),
        Arguments.of(11, 11, 11, false),
        Arguments.of(10, 10, -1, false));
  }

  @ParameterizedTest(name = "desired {0} current {1} updated {2} within a fleet of 10: {3}")
  @MethodSource("statuses")
  void statusCountsMustStayWithinTheFleet(
      Integer desired, Integer current, Integer updated, boolean within) {
    SweepLedger ledger = new SweepLedger(10);
    ledger.deployment(status(desired, current, updated, RolloutPhase.Progressing));
    assertThat(ledger.countViolations()).hasSize(within ? 0 : 1);
    assertThat(ledger.statusesSeen()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phaseSequences")
  void eachNewRolloutPhaseIsAMilestone(String why, List<RolloutPhase> phases, long milestones) {
    SweepLedger ledger = new SweepLedger(10);
    phases.forEach(p -> ledger.deployment(status(10, 10, 5, p)));
    assertThat(ledger.milestones()).isEqualTo(milestones);
  }

  static Stream<Arguments> phaseSequences() {
    return Stream.of(
        Arguments.of(
            "one phase, many statuses",
            List.of(RolloutPhase.Progressing, RolloutPhase.Progressing),
            1),
        Arguments.of(
            "through a pause to the end",
            List.of(
                RolloutPhase.Progressing,
                RolloutPhase.Paused,
                RolloutPhase.Paused,
                RolloutPhase.Progressing,
                RolloutPhase.Complete),
            4));
  }

  private static DpEvent dp(String name, long generation, String revision, String setAt) {
    return new DpEvent(name, generation, revision, setAt);
  }

  private static DeviceProcessDeploymentStatus status(
      Integer desired, Integer current, Integer updated, RolloutPhase phase) {
    return new DeviceProcessDeploymentStatus(
        1L,
        desired,
        current,
        0,
        0,
        0,
        updated,
        null,
        "r2",
        "r1",
        new RolloutStatus(phase, "Reason", null, null, null, null));
  }
}
