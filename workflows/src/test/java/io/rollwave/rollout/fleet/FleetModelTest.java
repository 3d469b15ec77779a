package io.rollwave.rollout.fleet;

import static io.rollwave.api.common.ConditionStatus.FALSE;
import static io.rollwave.api.common.ConditionStatus.TRUE;
import static io.rollwave.api.common.ConditionStatus.UNKNOWN;
import static io.rollwave.api.process.ProcessPhase.Failed;
import static io.rollwave.api.process.ProcessPhase.Pending;
import static io.rollwave.api.process.ProcessPhase.Running;
import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.rollout.plan.DeviceState;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FleetModelTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final int BAKE = 30;
  private static final int DEADLINE = 60;

  /** A report at {@code revision}: {@code phase}, Healthy as given since {@code secondsAgo}. */
  private static AgentReport report(
      String revision, ProcessPhase phase, ConditionStatus healthy, Integer secondsAgo) {
    return new AgentReport(
        revision, phase, healthy, secondsAgo == null ? null : NOW.minusSeconds(secondsAgo));
  }

  static Stream<Arguments> cases() {
    AgentReport none = AgentReport.NONE;
    return Stream.of(
        // case, set how long ago (s), shown by the API server, agent's newest, expected
        Arguments.of(
            "agent reports Failed",
            10,
            report("r2", Failed, null, null),
            none,
            DeviceHealth.FAILED),
        Arguments.of(
            "Healthy=False", 10, report("r2", Running, FALSE, null), none, DeviceHealth.FAILED),
        Arguments.of(
            "ready and baked", 100, report("r2", Running, TRUE, 40), none, DeviceHealth.AVAILABLE),
        Arguments.of(
            "ready exactly the bake time",
            100,
            report("r2", Running, TRUE, 30),
            none,
            DeviceHealth.AVAILABLE),
        Arguments.of(
            "ready, still baking", 20, report("r2", Running, TRUE, 10), none, DeviceHealth.READY),
        Arguments.of(
            "ready since nobody can tell",
            20,
            report("r2", Running, TRUE, null),
            none,
            DeviceHealth.READY),
        Arguments.of(
            "ready and baking past the deadline: not late",
            100,
            report("r2", Running, TRUE, 10),
            none,
            DeviceHealth.READY),
        Arguments.of(
            "healthy but Pending", 10, report("r2", Pending, TRUE, 5), none, DeviceHealth.STARTING),
        Arguments.of(
            "agent still runs the old revision",
            10,
            report("r1", Running, TRUE, 500),
            none,
            DeviceHealth.STARTING),
        Arguments.of(
            "the old revision failed: not this one",
            10,
            report("r1", Failed, FALSE, null),
            none,
            DeviceHealth.STARTING),
        Arguments.of(
            "old revision past the deadline",
            61,
            report("r1", Running, TRUE, 500),
            none,
            DeviceHealth.FAILED),
        Arguments.of(
            "exactly at the deadline: not yet late",
            60,
            report("r1", Running, TRUE, 500),
            none,
            DeviceHealth.STARTING),
        Arguments.of(
            "late, but ready by its agent's newest report",
            100,
            report("r1", Running, TRUE, 500),
            report("r2", Running, TRUE, 1),
            DeviceHealth.STARTING),
        Arguments.of(
            "late, its agent's newest says Pending",
            100,
            report("r1", Running, TRUE, 500),
            report("r2", Pending, UNKNOWN, null),
            DeviceHealth.FAILED),
        Arguments.of("nothing reported yet", 10, none, none, DeviceHealth.UNKNOWN),
        Arguments.of(
            "agent silent (phase Unknown)",
            10,
            report("r2", ProcessPhase.Unknown, UNKNOWN, null),
            none,
            DeviceHealth.UNKNOWN),
        Arguments.of("nothing reported past the deadline", 100, none, none, DeviceHealth.FAILED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesEachDevicesHealthAtItsRevision(
      String name,
      int setSecondsAgo,
      AgentReport shown,
      AgentReport newest,
      DeviceHealth expected) {
    DeviceFacts device =
        new DeviceFacts("tor-01", "rack-1", "r2", NOW.minusSeconds(setSecondsAgo), shown);

    ModelledDevice modelled =
        FleetModel.of(device, new DevicePolicy(BAKE, DEADLINE), NOW, () -> newest);

    assertThat(modelled.health()).as(name).isEqualTo(expected);
    assertThat(modelled.ready())
        .isEqualTo(expected == DeviceHealth.READY || expected == DeviceHealth.AVAILABLE);
    assertThat(modelled.planned())
        .isEqualTo(
            new DeviceState(
                "tor-01",
                "rack-1",
                "r2",
                expected == DeviceHealth.AVAILABLE,
                expected == DeviceHealth.FAILED));
  }

  @Test
  void withoutABakeTimeReadyIsAvailable() {
    DeviceFacts device =
        new DeviceFacts("tor-01", "", "r2", NOW, report("r2", Running, TRUE, null));

    assertThat(FleetModel.of(device, new DevicePolicy(0, DEADLINE), NOW).health())
        .isEqualTo(DeviceHealth.AVAILABLE);
  }

  @Test
  void onlyADeviceThatLooksLateIsAskedAboutItsNewestReport() {
    DevicePolicy policy = new DevicePolicy(BAKE, DEADLINE);
    java.util.function.Supplier<AgentReport> refuses =
        () -> {
          throw new AssertionError("asked");
        };
    for (AgentReport shown :
        new AgentReport[] {
          report("r2", Running, TRUE, 1), report("r2", Failed, null, null), AgentReport.NONE
        }) {
      FleetModel.of(new DeviceFacts("tor-01", "", "r2", NOW, shown), policy, NOW, refuses);
    }
  }

  @Test
  void updatedMeansSetToTheTarget() {
    ModelledDevice device =
        FleetModel.of(DeviceFacts.unseen("tor-01", NOW), DevicePolicy.DEFAULT, NOW);

    assertThat(device.health()).as("created, not yet read back").isEqualTo(DeviceHealth.UNKNOWN);
    assertThat(device.updatedTo("r2")).isFalse();
    assertThat(
            FleetModel.of(
                    DeviceFacts.unseen("tor-01", NOW).setTo("r2", NOW), DevicePolicy.DEFAULT, NOW)
                .updatedTo("r2"))
        .isTrue();
  }
}
