package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
    @JsonPropertyDescription(
            "backend is how the agent runs the process: systemd (a unit), initd (an init"
                + " script), container (podman or docker; the artifact must be oci) or exec (a"
                + " child the agent supervises).")
        @Required
        Backend backend,
    @JsonPropertyDescription(
            "command is the program to run and its first arguments; required unless backend is"
                + " container, where it replaces the image's entrypoint.")
        List<String> command,
    @JsonPropertyDescription("args are further arguments, after command.") List<String> args,
    @JsonPropertyDescription("env are environment variables the process starts with.")
        List<EnvVar> env,
    @JsonPropertyDescription(
            "workingDir is the directory the process starts in; unset, a directory of its own in"
                + " the agent's state directory (a container keeps its image's WORKDIR).")
        String workingDir,
    @JsonPropertyDescription("user is the account the process runs as; unset, the agent's own.")
        String user,
    @JsonPropertyDescription(
            "resources bound what the process may use (memory, cpu); enforced by the systemd and"
                + " container backends only.")
        ProcessResources resources) {}
