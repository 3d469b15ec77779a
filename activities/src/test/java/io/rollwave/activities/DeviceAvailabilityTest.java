package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rollwave.api.Labels;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.rollout.plan.DeviceState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceAvailabilityTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private static DeviceProcess dp(
      String labelRevision,
      String reportedRevision,
      ProcessPhase phase,
      ConditionStatus healthy,
      String healthySince) {
    DeviceProcess dp = new DeviceProcess();
    dp.setMetadata(
        new ObjectMetaBuilder()
            .withName("agent-tor-01")
            .withLabels(Map.of(Labels.REVISION, labelRevision, "rack", "r1"))
            .withAnnotations(Map.of(Labels.REVISION_SET_AT, "2026-11-22T11:50:00Z"))
            .build());
    dp.setSpec(
        new DeviceProcessSpec(
            new DeviceRef("NetworkSwitch", "tor-01", null),
            new Artifact(ArtifactType.HTTP, "https://a/x", "a".repeat(64), "v1"),
            new Execution(Backend.EXEC, List.of("/x"), null, null, null, null, null),
            RestartPolicy.Always,
            null));
    dp.setStatus(
        new DeviceProcessStatus(
            phase,
            List.of(new Condition("Healthy", healthy, null, null, healthySince, null)),
            "v1",
            1L,
            null,
            0,
            null,
            reportedRevision,
            1L));
    return dp;
  }

  @Test
  void readyMeansRunningAndHealthyForTheRevisionTheSpecIsSetTo() {
    assertThat(
            DeviceAvailability.available(
                dp("r2", "r2", ProcessPhase.Running, ConditionStatus.TRUE, null)))
        .isTrue();
    assertThat(
            DeviceAvailability.available(
                dp("r2", "r1", ProcessPhase.Running, ConditionStatus.TRUE, null)))
        .as("the agent still reports the old revision")
        .isFalse();
    assertThat(
            DeviceAvailability.available(
                dp("r2", "r2", ProcessPhase.Pending, ConditionStatus.TRUE, null)))
        .isFalse();
    assertThat(
            DeviceAvailability.available(
                dp("r2", "r2", ProcessPhase.Running, ConditionStatus.FALSE, null)))
        .isFalse();
  }

  @Test
  void availableNeedsMinReadySecondsOfHealth() {
    DeviceProcess baking =
        dp("r2", "r2", ProcessPhase.Running, ConditionStatus.TRUE, "2026-11-22T11:59:50Z");
    assertThat(DeviceAvailability.available(baking, 0, NOW)).isTrue();
    assertThat(DeviceAvailability.available(baking, 10, NOW)).as("exactly 10 s healthy").isTrue();
    assertThat(DeviceAvailability.available(baking, 11, NOW)).isFalse();
    assertThat(
            DeviceAvailability.available(
                dp("r2", "r2", ProcessPhase.Running, ConditionStatus.TRUE, null), 5, NOW))
        .as("no transition time: cannot tell how long, so not yet")
        .isFalse();
  }

  @Test
  void failedWhenReportedOrPastTheDeadline() {
    DeviceState reported =
        DeviceAvailability.stateOf(
            dp("r2", "r2", ProcessPhase.Running, ConditionStatus.FALSE, null),
            "rack",
            0,
            600,
            NOW,
            AgentReports.NONE);
    assertThat(reported.failed()).isTrue();
    assertThat(reported.partition()).isEqualTo("r1");
    DeviceState slow =
        DeviceAvailability.stateOf(
            dp("r2", "r1", ProcessPhase.Running, ConditionStatus.TRUE, null),
            null,
            0,
            60,
            NOW,
            AgentReports.NONE);
    assertThat(slow.failed()).as("set to r2 ten minutes ago, deadline 60 s").isTrue();
    DeviceState inTime =
        DeviceAvailability.stateOf(
            dp("r2", "r1", ProcessPhase.Running, ConditionStatus.TRUE, null),
            null,
            0,
            3600,
            NOW,
            AgentReports.NONE);
    assertThat(inTime.failed()).isFalse();
    assertThat(inTime.available()).isFalse();
  }

  @Test
  void aDeviceThatLooksLateIsNotWhenItsAgentReportsItReadyAtTheRevision() {
    // the API server still shows the device at r1's status, ten minutes after it was set to r2
    DeviceProcess shown = dp("r2", "r1", ProcessPhase.Running, ConditionStatus.TRUE, null);
    DeviceProcessStatus readyAtR2 =
        dp("r2", "r2", ProcessPhase.Running, ConditionStatus.TRUE, null).getStatus();
    DeviceProcessStatus pendingR2 =
        dp("r2", "r2", ProcessPhase.Pending, ConditionStatus.UNKNOWN, null).getStatus();

    DeviceState notYetShown =
        DeviceAvailability.stateOf(shown, null, 0, 60, NOW, reported -> readyAtR2);
    assertThat(notYetShown.failed()).as("ready by its agent, not late").isFalse();
    assertThat(notYetShown.available()).as("not available until the API server shows it").isFalse();
    assertThat(DeviceAvailability.stateOf(shown, null, 0, 60, NOW, reported -> pendingR2).failed())
        .as("still pending by its agent's own word: late")
        .isTrue();
    assertThat(
            DeviceAvailability.stateOf(shown, null, 0, 60, NOW, reported -> shown.getStatus())
                .failed())
        .as("its agent still reports r1")
        .isTrue();
    assertThat(DeviceAvailability.stateOf(shown, null, 0, 60, NOW, AgentReports.NONE).failed())
        .as("nothing reported, or silent")
        .isTrue();
  }

  @Test
  void onlyADeviceThatLooksLateIsAskedAbout() {
    AgentReports refuses =
        dp -> {
          throw new AssertionError("asked about " + dp.getMetadata().getName());
        };
    DeviceProcess ready = dp("r2", "r2", ProcessPhase.Running, ConditionStatus.TRUE, null);
    DeviceProcess reportedFailed =
        dp("r2", "r2", ProcessPhase.Running, ConditionStatus.FALSE, null);
    DeviceProcess inTime = dp("r2", "r1", ProcessPhase.Running, ConditionStatus.TRUE, null);

    assertThat(DeviceAvailability.stateOf(ready, null, 0, 60, NOW, refuses).available()).isTrue();
    assertThat(DeviceAvailability.stateOf(reportedFailed, null, 0, 60, NOW, refuses).failed())
        .isTrue();
    assertThat(DeviceAvailability.stateOf(inTime, null, 0, 3600, NOW, refuses).failed()).isFalse();
  }

  @Test
  void aFailureIsExplainedByWhatTheAgentSaysOfTheCurrentProcessBeforeAnOldTermination() {
    DeviceProcess unhealthy = dp("r2", "r2", ProcessPhase.Running, ConditionStatus.FALSE, null);
    DeviceProcessStatus s = unhealthy.getStatus();
    unhealthy.setStatus(
        new DeviceProcessStatus(
            s.phase(),
            List.of(
                new Condition(
                    "Healthy",
                    ConditionStatus.FALSE,
                    "HealthCheckFailed",
                    "health check failing",
                    null,
                    null)),
            s.artifactVersion(),
            s.pid(),
            s.startTime(),
            s.restartCount(),
            "Replaced by revision r2",
            s.revision(),
            s.observedGeneration()));
    assertThat(DeviceAvailability.failureReason(unhealthy, 600))
        .isEqualTo("Healthy: health check failing");

    DeviceProcess ended = dp("r2", "r2", ProcessPhase.Failed, ConditionStatus.UNKNOWN, null);
    s = ended.getStatus();
    ended.setStatus(
        new DeviceProcessStatus(
            s.phase(),
            List.of(),
            s.artifactVersion(),
            null,
            s.startTime(),
            3,
            "Exited with code 3",
            s.revision(),
            s.observedGeneration()));
    assertThat(DeviceAvailability.failureReason(ended, 600)).isEqualTo("Exited with code 3");
  }
}
