package io.rollwave.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  @Test
  void reportsWhatEachProcessUsedBetweenTwoReadingsToATenthOfASecond() {
    Map<String, Duration> before =
        Map.of("operator", Duration.ofMillis(12_340), "etcd", Duration.ofSeconds(3));
    Map<String, Duration> after =
        Map.of(
            "operator", Duration.ofMillis(40_390),
            "etcd", Duration.ofMillis(7_549),
            "temporal", Duration.ofSeconds(9));

    assertThat(ProcessCpu.secondsBetween(before, after))
        .as("a process not read before (started since) is left out")
        .containsExactly(Map.entry("etcd", 4.5), Map.entry("operator", 28.1));
  }

  @Test
  void readsThisJvmsOwnCpu() {
    assertThat(ProcessCpu.now(ProcessHandle.current().pid()))
        .containsKeys(ProcessCpu.OPERATOR, ProcessCpu.BENCHMARK);
  }
}
