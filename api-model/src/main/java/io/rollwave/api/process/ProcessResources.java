package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the process may use, as a container's {@code resources}; only limits, for now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessResources(
    @JsonPropertyDescription("limits are the most the process may use.") ResourceLimits limits) {}
