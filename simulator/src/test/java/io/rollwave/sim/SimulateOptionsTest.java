package io.rollwave.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulateOptionsTest {
  @Test
  void defaultsComeFromTheEnvironmentAndTheUsage() {
    SimulateOptions o = SimulateOptions.parse(List.of(), Map.of("NATS_URL", "tls://h:1"));

    assertThat(o.natsUrl()).isEqualTo("tls://h:1");
    assertThat(o.nats().insecure()).isFalse();
    assertThat(o.behaviour()).isEqualTo(new FleetSimulator.Behaviour(300, 1500, 0, 42, 5_000));
    assertThat(o.outcomes()).isEmpty();
  }

  @Test
  void readsRangesRatesAndOutcomesPerVersion() {
    SimulateOptions o =
        SimulateOptions.parse(
            List.of(
                "--ready-ms",
                "0..200",
                "--failure-rate",
                "0.05",
                "--heartbeat-ms",
                "10000",
                "--version",
                "v2=crash-loop",
                "--version",
                "v3=SILENT",
                "--seed",
                "7"),
            Map.of());

    assertThat(o.behaviour()).isEqualTo(new FleetSimulator.Behaviour(0, 200, 0.05, 7, 10_000));
    assertThat(o.outcomes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("v2", FleetSimulator.Outcome.CRASH_LOOP, "v3", FleetSimulator.Outcome.SILENT));
  }

  @Test
  void badInputIsRefusedWithTheFlagNamed() {
    assertThatThrownBy(() -> SimulateOptions.parse(List.of("--version", "v2=explode"), Map.of()))
        .hasMessageContaining("READY, FAIL, CRASH_LOOP or SILENT");
    assertThatThrownBy(() -> SimulateOptions.parse(List.of("--ready-ms", "9..1"), Map.of()))
        .hasMessageContaining("0 <= min <= max");
    assertThatThrownBy(() -> SimulateOptions.parse(List.of("--failure-rate", "2"), Map.of()))
        .hasMessageContaining("within 0..1");
    assertThatThrownBy(() -> SimulateOptions.parse(List.of("--seed"), Map.of()))
        .hasMessageContaining("--seed needs a value");
  }
}
