package io.rollwave.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
public final class Percentiles {
  private final long[] sorted;

  public Percentiles(long[] sample) {
    this.sorted = sample.clone();
    Arrays.sort(sorted);
  }

  /** The smallest value at or above {@code p} percent of the sample; 0 for an empty sample. */
  public long at(double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  public int size() {
    return sorted.length;
  }
}
