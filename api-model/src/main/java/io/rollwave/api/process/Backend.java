package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the agent runs a process: a systemd unit, an init.d script, a container, or a child it
 * supervises.
 */
public enum Backend {
  @JsonProperty("systemd")
  SYSTEMD,
  @JsonProperty("initd")
  INITD,
  @JsonProperty("container")
  CONTAINER,
  @JsonProperty("exec")
  EXEC
}
