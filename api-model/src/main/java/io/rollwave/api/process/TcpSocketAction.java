package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A health probe that opens a TCP connection; a connection accepted is healthy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TcpSocketAction(@Required @Min(1) @Max(65535) Integer port, String host) {}
