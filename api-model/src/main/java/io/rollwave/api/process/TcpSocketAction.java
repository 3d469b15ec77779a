package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A health probe that opens a TCP connection; a connection accepted is healthy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TcpSocketAction(
    @JsonPropertyDescription(PORT) @Required @Min(1) @Max(65535) Integer port,
    @JsonPropertyDescription(HOST) String host) {

  /** The descriptions of the fields an HTTP probe shares with this one. */
  static final String PORT = "port is the TCP port to connect to, 1 to 65535.";

  static final String HOST =
      "host is the host to connect to; unset, the device itself (127.0.0.1).";
}
