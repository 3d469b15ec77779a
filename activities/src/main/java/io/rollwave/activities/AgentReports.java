package io.rollwave.activities;

import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;

/**
 * The newest status a DeviceProcess's agent reported, read where the agent wrote it, ahead of any
 * backlog in writing reports to the API server. A rollout asks only about a device that looks past
 * its progress deadline, so that a control plane slow to show reports does not count its own
 * lateness against the device: at 100,000 devices, status writes queued behind the DP creates made
 * 178 devices that were running and healthy look 600 s late, and the install paused itself.
 */
@FunctionalInterface
public interface AgentReports {
  /** Nobody to ask: the DP's status in the API server is all there is. */
  AgentReports NONE = dp -> null;

  /**
   * What {@code dp}'s agent last reported, or null when it reported nothing, has gone silent, or
   * cannot be asked now.
   */
  DeviceProcessStatus newest(DeviceProcess dp);
}
