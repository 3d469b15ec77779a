package io.rollwave.api.rollout;

/**
 * The fleet of one deployment as counts, never as a device list: how many devices there are, how
 * many are set to the target revision, how many of those are available, and how many are
 * unavailable for any reason.
 */
public record FleetCounts(int total, int updated, int updatedAvailable, int unavailable) {
  public static final FleetCounts EMPTY = new FleetCounts(0, 0, 0, 0);

  /** Every device runs the target revision and is available. */
  public boolean complete() {
    return updatedAvailable == total;
  }
}
