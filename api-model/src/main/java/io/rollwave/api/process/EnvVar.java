package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One environment variable of a process. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVar(
    @JsonPropertyDescription(
            "name of the variable: a letter or underscore, then letters, digits or underscores.")
        @Required
        @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
        String name,
    @JsonPropertyDescription("value of the variable; unset means empty.") String value) {}
