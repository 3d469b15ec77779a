package io.rollwave.api.rollout;

import java.util.List;

/**
 * What one batch activity did: how many devices it moved to the revision, the window it used, the
 * fleet it observed after moving them, and the first few failed devices by name ({@link
 * #FAILED_DEVICES_LISTED} at most, so the payload stays small however large the fleet; absent in
 * older payloads).
 */
public record BatchResult(int moved, int window, FleetCounts fleet, List<FailedDevice> failed) {
  public static final int FAILED_DEVICES_LISTED = 10;

  public BatchResult(int moved, int window, FleetCounts fleet) {
    this(moved, window, fleet, List.of());
  }

  public List<FailedDevice> failedDevices() {
    return failed == null ? List.of() : failed;
  }
}
