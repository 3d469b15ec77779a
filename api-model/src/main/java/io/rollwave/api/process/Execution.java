package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * How to run the process: backend, command line, environment, working directory, user and resource
 * limits.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.backend == 'container' || (has(self.command) && size(self.command) > 0)",
    message =
        "command is required unless backend is container (a container may use its image's entrypoint)")
public record Execution(
    @Required Backend backend,
    List<String> command,
    List<String> args,
    List<EnvVar> env,
    String workingDir,
    String user,
    ProcessResources resources) {}
