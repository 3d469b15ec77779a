package io.rollwave.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmSamplerTest {
  @Test
  void heapInUseIsSurvivorEdenAndOldSpaceUsed() {
    // jstat -gc columns: S0C S1C S0U S1U EC EU OC OU ...
    String[] row = "1024.0 1024.0 0.0 512.5 8192.0 4096.0 16384.0 10000.0".split(" ");

    assertThat(JvmSampler.usedKb(row, new int[] {2, 3, 5, 7})).isEqualTo(14608);
  }

  @Test
  void aRowWithoutTheColumnsCountsAsNothing() {
    assertThat(JvmSampler.usedKb(new String[] {"1.0"}, new int[] {2, 3, 5, 7})).isZero();
    assertThat(JvmSampler.usedKb(new String[] {"1.0"}, new int[] {-1})).isZero();
  }
}
