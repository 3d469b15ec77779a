package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the process may use, as a container's {@code resources}; only limits, for now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessResources(ResourceLimits limits) {}
