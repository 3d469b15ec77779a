package io.rollwave.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.agent.backend.BackendSettings;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.ProcessPhase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentUnitsTest {

  @Test
  void configNeedsDeviceAndStateDirAndNamesBadFlags() {
    AgentConfig c =
        AgentConfig.fromArgs(
            new String[] {
              "--device",
              "NetworkSwitch/infra-system/tor1-01",
              "--state-dir",
              "/tmp/x",
              "--allow-insecure-http"
            },
            Map.of("NATS_URL", "tls://n:4222"));
    assertThat(c.device().key()).isEqualTo("infra-system.NetworkSwitch.tor1-01");
    assertThat(c.natsUrl()).isEqualTo("tls://n:4222");
    assertThat(c.heartbeatSeconds()).isEqualTo(5);
    assertThat(c.initdRoot()).isEqualTo(Path.of("/etc/init.d"));
    assertThat(
            AgentConfig.fromArgs(
                    new String[] {
                      "--device", "A/b/c", "--state-dir", "/x", "--initd-root", "/tmp/i"
                    },
                    Map.of())
                .initdRoot())
        .isEqualTo(Path.of("/tmp/i"));
    assertThat(c.backendSettings())
        .isEqualTo(
            new BackendSettings(
                Path.of("/etc/init.d"),
                Path.of("/etc/systemd/system"),
                "systemctl",
                java.util.Optional.empty()));
    assertThat(
            AgentConfig.fromArgs(
                    new String[] {
                      "--device",
                      "A/b/c",
                      "--state-dir",
                      "/x",
                      "--systemd-root",
                      "/tmp/s",
                      "--systemctl",
                      "/opt/bin/systemctl",
                      "--container-cli",
                      "/usr/bin/podman"
                    },
                    Map.of())
                .backendSettings())
        .isEqualTo(
            new BackendSettings(
                Path.of("/etc/init.d"),
                Path.of("/tmp/s"),
                "/opt/bin/systemctl",
                java.util.Optional.of("/usr/bin/podman")));
    assertThat(c.allowInsecureHttp()).isTrue();
    assertThatThrownBy(() -> AgentConfig.fromArgs(new String[] {"--state-dir", "/tmp/x"}, Map.of()))
        .hasMessage("--device is required");
    assertThatThrownBy(
            () ->
                AgentConfig.fromArgs(
                    new String[] {"--device", "tor1-01", "--state-dir", "/x"}, Map.of()))
        .hasMessageContaining("--device: device must be KIND/NAMESPACE/NAME");
    assertThatThrownBy(
            () ->
                AgentConfig.fromArgs(
                    new String[] {
                      "--device", "A/b/c", "--state-dir", "/x", "--heartbeat-seconds", "0"
                    },
                    Map.of()))
        .hasMessageContaining("--heartbeat-seconds must be from 1 to 3600");
    assertThatThrownBy(() -> AgentConfig.fromArgs(new String[] {"--verbose"}, Map.of()))
        .hasMessage("unknown flag --verbose");
  }

  @Test
  void configDefaultsAndFlagErrors() {
    AgentConfig c =
        AgentConfig.fromArgs(
            new String[] {"--device", "DPU/edge/dpu-7", "--state-dir", "state"}, Map.of());
    assertThat(c.natsUrl()).isEqualTo("tls://localhost:4222");
    assertThat(c.nats().insecure()).as("TLS unless asked otherwise").isFalse();
    assertThat(c.allowInsecureHttp()).isFalse();
    assertThat(c.stateDir()).isEqualTo(java.nio.file.Path.of("state").toAbsolutePath());
    assertThat(
            AgentConfig.fromArgs(
                    new String[] {
                      "--device", "DPU/edge/dpu-7",
                      "--state-dir", "/s",
                      "--nats", "tls://a:1",
                      "--heartbeat-seconds", "2"
                    },
                    Map.of("NATS_URL", "tls://ignored:4222"))
                .natsUrl())
        .isEqualTo("tls://a:1");
    assertThatThrownBy(
            () -> AgentConfig.fromArgs(new String[] {"--device", "A/b/c", "--state-dir"}, Map.of()))
        .hasMessage("--state-dir needs a value");
    assertThatThrownBy(
            () ->
                AgentConfig.fromArgs(
                    new String[] {"--device", "A/b/c", "--state-dir", "/s", "--nats", "localhost"},
                    Map.of()))
        .hasMessageStartingWith("--nats must be a URL");
    assertThatThrownBy(
            () ->
                AgentConfig.fromArgs(
                    new String[] {
                      "--device", "A/b/c", "--state-dir", "/s", "--heartbeat-seconds", "five"
                    },
                    Map.of()))
        .hasMessageStartingWith("--heartbeat-seconds must be a whole number");
    assertThatThrownBy(() -> AgentConfig.fromArgs(new String[] {"--device", "A/b/c"}, Map.of()))
        .hasMessage("--state-dir is required");
    assertThatThrownBy(() -> AgentConfig.fromArgs(new String[] {"--help"}, Map.of()))
        .isInstanceOf(AgentConfig.HelpRequested.class);
  }

  @Test
  void statusCarriesTheProcessFactsAndANewRevisionStartsCountingAgain() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    ProcessStatus s = new ProcessStatus(clock);
    s.target("rev1", 4, "v1.2.3");
    s.conditionUnknown(ProcessStatus.HEALTHY, "Probing", "waiting");
    s.condition(ProcessStatus.PROCESS_STARTED, true, "Started", "pid 4242");
    s.condition(ProcessStatus.ARTIFACT_DOWNLOADED, true, "Downloaded", "verified");
    s.started(4242);
    s.phase(ProcessPhase.Running);
    s.stopped("Exited with code 3");
    s.restarted();
    s.restarted();

    var st = s.toStatus();
    assertThat(st.phase()).isEqualTo(ProcessPhase.Running);
    assertThat(st.conditions().stream().map(c -> c.type()).toList())
        .containsExactly("ArtifactDownloaded", "ProcessStarted", "Healthy");
    assertThat(st.conditions().get(2).status()).isEqualTo(ConditionStatus.UNKNOWN);
    assertThat(st.artifactVersion()).isEqualTo("v1.2.3");
    assertThat(st.pid()).as("pid cleared once stopped").isNull();
    assertThat(st.startTime()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(st.restartCount()).isEqualTo(2);
    assertThat(st.lastTerminationReason()).isEqualTo("Exited with code 3");
    assertThat(st.revision()).isEqualTo("rev1");
    assertThat(st.observedGeneration()).isEqualTo(4);

    s.target("rev2", 5, "v1.2.4");
    s.started(4343);
    assertThat(s.toStatus().restartCount()).isZero();
    assertThat(s.toStatus().pid()).isEqualTo(4343);
    assertThat(s.toStatus().revision()).isEqualTo("rev2");
    assertThat(s.toStatus().observedGeneration()).isEqualTo(5);
  }

  @Test
  void backoffDoublesUpToItsCapWithBoundedJitter() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream().map(a -> b.nominal(a).toSeconds()).toList())
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    assertThat(ProcessSupervisor.RESTART_BACKOFF.nominal(7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(ProcessSupervisor.RESTART_BACKOFF.nominal(100)).isEqualTo(Duration.ofSeconds(60));
    Random r = new Random(7);
    for (int i = 0; i < 100; i++) {
      assertThat(b.withJitter(3, r).toMillis()).isBetween(3200L, 4800L);
    }
  }

  @Test
  void probeTrackerNeedsConsecutiveResults() {
    ProbeTracker t = new ProbeTracker(2, 3);
    assertThat(t.healthy()).isNull();
    assertThat(t.record(true)).isFalse();
    assertThat(t.record(true)).isTrue();
    assertThat(t.healthy()).isTrue();
    assertThat(t.record(false)).isFalse();
    assertThat(t.record(false)).isFalse();
    assertThat(t.record(true)).isFalse();
    assertThat(t.record(false)).isFalse();
    assertThat(t.record(false)).isFalse();
    assertThat(t.record(false)).isTrue();
    assertThat(t.healthy()).isFalse();
  }

  @Test
  void artifactVersionComesFromTheSpecOrTheUrl() {
    assertThat(
            ArtifactVersion.of(
                new Artifact(ArtifactType.OCI, "ghcr.io/apollo/switch-agent:v1.2.3", "a", null)))
        .isEqualTo("v1.2.3");
    assertThat(
            ArtifactVersion.of(
                new Artifact(ArtifactType.OCI, "ghcr.io/apollo/switch-agent", "a", null)))
        .isEqualTo("latest");
    assertThat(
            ArtifactVersion.of(
                new Artifact(ArtifactType.HTTP, "https://a/b/agent-2.1.0.tar?x=1", "a", null)))
        .isEqualTo("agent-2.1.0.tar");
    assertThat(ArtifactVersion.of(new Artifact(ArtifactType.HTTP, "https://a/b/c", "a", "v9")))
        .isEqualTo("v9");
  }

  @Test
  void conditionTimesChangeOnlyWhenTheStatusFlips() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    ProcessStatus s = new ProcessStatus(clock);
    s.target("rev1", 3, "v1");
    s.condition(ProcessStatus.HEALTHY, true, "A", null);
    clock.now = Instant.parse("2026-11-22T10:05:00Z");
    s.condition(ProcessStatus.HEALTHY, true, "B", null);
    assertThat(s.toStatus().conditions().get(0).lastTransitionTime())
        .isEqualTo("2026-11-22T10:00:00Z");
    s.condition(ProcessStatus.HEALTHY, false, "C", null);
    assertThat(s.toStatus().conditions().get(0).lastTransitionTime())
        .isEqualTo("2026-11-22T10:05:00Z");
    assertThat(s.toStatus().conditions().get(0).status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(s.toStatus().phase()).isEqualTo(ProcessPhase.Pending);
    assertThat(s.toStatus().revision()).isEqualTo("rev1");
    assertThat(s.toStatus().observedGeneration()).isEqualTo(3);
  }

  @Test
  void commandsExpandTheArtifactPath() {
    assertThat(
            Commands.expand(
                List.of("/bin/sh", "${ROLLWAVE_ARTIFACT}", "--x=${UNKNOWN}"),
                Map.of("ROLLWAVE_ARTIFACT", "/c/abc")))
        .containsExactly("/bin/sh", "/c/abc", "--x=${UNKNOWN}");
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
