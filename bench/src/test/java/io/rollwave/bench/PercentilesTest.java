package io.rollwave.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOverAnUnsortedSample() {
    Percentiles p = new Percentiles(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

    assertThat(p.at(50)).isEqualTo(50);
    assertThat(p.at(99)).isEqualTo(99);
    assertThat(p.at(100)).isEqualTo(100);
    assertThat(p.at(0.5)).isEqualTo(1);
  }

  @Test
  void anEmptySampleIsZeroAndABadPercentileIsRefused() {
    assertThat(new Percentiles(new long[0]).at(99)).isZero();
    assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
