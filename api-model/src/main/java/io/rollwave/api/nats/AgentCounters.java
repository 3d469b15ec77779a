package io.rollwave.api.nats;

/**
 * What a device's agent has counted since it started, across all its processes: restarts of a
 * process after it ended or failed its health check, artifact downloads or verifications that
 * failed, and health-check runs that failed. Sent in every heartbeat, so a fleet's flaky devices
 * show without an HTTP server on the device; the counts start again at zero when the agent does.
 */
public record AgentCounters(
    long processRestarts, long artifactFetchFailures, long healthCheckFailures) {
  public static final AgentCounters NONE = new AgentCounters(0, 0, 0);
}
