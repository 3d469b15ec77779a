package io.rollwave.api.process;

/** The phase of a DeviceProcess, as for a Pod. */
public enum ProcessPhase {
  Pending,
  Running,
  Succeeded,
  Failed,
  Unknown
}
