package io.rollwave.rollout.fleet;

/**
 * Where a device stands at the revision its DeviceProcess is set to. Whether that revision is the
 * rollout's target ("updated") is the other half of its state: see {@link ModelledDevice}.
 */
public enum DeviceHealth {
  /** Nothing reported for it yet, or its agent has gone silent (phase Unknown). */
  UNKNOWN,
  /** Its agent reports, but not ready at the DP's revision yet, and still within the deadline. */
  STARTING,
  /** Running and healthy at the DP's revision, for less than minReadySeconds (baking). */
  READY,
  /** Ready for at least minReadySeconds. */
  AVAILABLE,
  /** Its agent reports it failed at the revision, or it missed the progress deadline. */
  FAILED
}
