package io.rollwave.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessMarkerTest {
  private static final String DEVICE = "NetworkSwitch/infra/tor1-01";
  private static final Instant START = Instant.parse("2026-01-02T03:04:05.670Z");

  private static ProcessMarker marker(String device, String dp) {
    return new ProcessMarker(
        device, dp, "exec", "7c9f:rev", 3, "ab12", "/var/lib/rollwave/artifacts/sha256/ab");
  }

  /** As /proc/<pid>/environ holds it: NUL-separated, with the spec's own variables around it. */
  private static byte[] environ(Map<String, String> env) {
    return ("PATH=/bin\0"
            + env.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\0"))
            + "\0HOME=/\0")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsBackWhatItWritesARevisionWithColonsIncluded() {
    ProcessMarker m = marker(DEVICE, "switch-agent");
    assertThat(ProcessMarker.parse(environ(m.env()))).contains(m);
    assertThat(m.env()).containsEntry("ROLLWAVE_RUN", "exec:3:ab12:7c9f:rev");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ROLLWAVE_DEVICE=a/b/c\0ROLLWAVE_DEVICE_PROCESS=x",
        "ROLLWAVE_DEVICE=a/b/c\0ROLLWAVE_DEVICE_PROCESS=x\0ROLLWAVE_RUN=exec:3:ab",
        "ROLLWAVE_DEVICE=a/b/c\0ROLLWAVE_DEVICE_PROCESS=x\0ROLLWAVE_RUN=exec:three:ab:r",
        "ROLLWAVE_DEVICE_PROCESS=x\0ROLLWAVE_RUN=exec:3:ab:r",
      })
  void anEnvironmentWithoutACompleteMarkerHasNone(String environ) {
    assertThat(ProcessMarker.parse(environ.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void standsForTheStateRecordItReplacesWithTheOsStartTime() {
    ProcessRecord r = marker(DEVICE, "switch-agent").toRecord(42, START);
    assertThat(r)
        .isEqualTo(
            new ProcessRecord(
                "switch-agent",
                "exec",
                "7c9f:rev",
                3,
                "ab12",
                "/var/lib/rollwave/artifacts/sha256/ab",
                42,
                START.toString(),
                START.toString(),
                0,
                ""));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "'ROLLWAVE_DEVICE=A/b/c|',            true",
    "'PATH=/bin|ROLLWAVE_DEVICE=A/b/c|',  true",
    "'ROLLWAVE_DEVICE=A/b/c0|',           false",
    "'XROLLWAVE_DEVICE=A/b/c|',           false",
    "'PATH=/bin|ROLLWAVE_DEVICE=A/b/',    false",
    "'',                                  false",
  })
  void findsTheDeviceEntryOnlyWhole(String environ, boolean expected) {
    assertThat(
            MarkedProcesses.contains(
                environ.replace('|', '\0').getBytes(StandardCharsets.UTF_8),
                "ROLLWAVE_DEVICE=A/b/c\0".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(expected);
  }

  private static MarkedProcesses.Seen seen(long pid, long parent, ProcessMarker m) {
    return new MarkedProcesses.Seen(new MarkedProcess(pid, START, m), OptionalLong.of(parent));
  }

  @Test
  void keepsThisDevicesTopProcessesByDeviceProcessOnceEach() {
    MarkedProcesses found =
        MarkedProcesses.of(
            DEVICE,
            List.of(
                seen(10, 1, marker(DEVICE, "a")),
                seen(11, 10, marker(DEVICE, "a")), // its child: inherited the environment
                seen(12, 1, marker(DEVICE, "a")), // a second instance
                seen(20, 1, marker("NetworkSwitch/infra/tor1-02", "a")), // another device's
                seen(30, 10, marker(DEVICE, "b")))); // started by a's process, but b's own

    assertThat(found.names()).containsExactly("a", "b");
    assertThat(found.take("a")).extracting(MarkedProcess::pid).containsExactly(10L, 12L);
    assertThat(found.take("a")).as("handed out once").isEmpty();
    assertThat(found.take("b")).extracting(MarkedProcess::pid).containsExactly(30L);
    assertThat(found.names()).isEmpty();
  }
}
