package io.rollwave.api.process;

/** The phase of a DeviceProcess, as for a Pod. */
public enum ProcessPhase {
  Pending,
  Running,
  Succeeded,
  Failed,
  Unknown,
  /** Ended, and waiting out the back-off before its restart, as the kubelet's CrashLoopBackOff. */
  CrashLoopBackOff
}
