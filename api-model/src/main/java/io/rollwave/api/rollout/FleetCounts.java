package io.rollwave.api.rollout;

/**
 * The fleet of one deployment as counts, never as a device list: how many devices there are, how
 * many are set to the target revision, how many of those are available, how many are unavailable
 * for any reason, and how many of those set to the target have failed (absent in older payloads:
 * 0).
 */
public record FleetCounts(
    int total, int updated, int updatedAvailable, int unavailable, int failed) {
  public static final FleetCounts EMPTY = new FleetCounts(0, 0, 0, 0, 0);

  public FleetCounts(int total, int updated, int updatedAvailable, int unavailable) {
    this(total, updated, updatedAvailable, unavailable, 0);
  }

  /** Every device runs the target revision and is available. */
  public boolean complete() {
    return updatedAvailable == total;
  }
}
