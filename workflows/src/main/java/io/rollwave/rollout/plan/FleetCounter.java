package io.rollwave.rollout.plan;

import io.rollwave.api.rollout.FleetCounts;
import java.util.Collection;

/** Counts a fleet against a target revision, the one way every part of Rollwave counts it. */
public final class FleetCounter {
  private FleetCounter() {}

  public static FleetCounts count(Collection<DeviceState> fleet, String revision) {
    int updated = 0;
    int updatedAvailable = 0;
    int unavailable = 0;
    int failed = 0;
    for (DeviceState d : fleet) {
      boolean atTarget = d.revision().equals(revision);
      updated += atTarget ? 1 : 0;
      updatedAvailable += atTarget && d.available() ? 1 : 0;
      unavailable += d.available() ? 0 : 1;
      failed += atTarget && d.failed() ? 1 : 0;
    }
    return new FleetCounts(fleet.size(), updated, updatedAvailable, unavailable, failed);
  }
}
