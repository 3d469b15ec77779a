package io.rollwave.agent.state;

import java.time.Instant;

/** A process found by its {@link ProcessMarker}: its pid and OS start time tell it from a reuse. */
public record MarkedProcess(long pid, Instant startedAt, ProcessMarker marker) {
  public ProcessRecord toRecord() {
    return marker.toRecord(pid, startedAt);
  }
}
