package io.rollwave.api.nats;

/**
 * The value of a {@code heartbeat} entry: the device's agent was alive at {@code at} (RFC 3339).
 */
public record Heartbeat(String device, String at, String agentVersion) {}
