package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A health probe that runs a command; exit code 0 is healthy. */
public record ExecAction(
    @JsonPropertyDescription(
            "command is the program and its arguments, run on the device without a shell; exit"
                + " code 0 is healthy.")
        @Required
        @Size(min = 1)
        List<String> command) {}
