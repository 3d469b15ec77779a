package io.rollwave.api.nats;

/**
 * The value of a {@code heartbeat} entry: the device's agent was alive at {@code at} (RFC 3339),
 * with what it has counted since it started ({@link AgentCounters#NONE} from an agent that does not
 * count, such as the simulator or one older than the field).
 */
public record Heartbeat(String device, String at, String agentVersion, AgentCounters counters) {
  public Heartbeat {
    counters = counters == null ? AgentCounters.NONE : counters;
  }

  public Heartbeat(String device, String at, String agentVersion) {
    this(device, at, agentVersion, AgentCounters.NONE);
  }
}
