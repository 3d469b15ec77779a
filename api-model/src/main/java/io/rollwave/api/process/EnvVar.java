package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One environment variable of a process. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVar(@Required @Pattern("^[A-Za-z_][A-Za-z0-9_]*$") String name, String value) {}
