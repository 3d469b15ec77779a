package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/**
 * What a DeviceProcessDeployment stamps onto each device: a DeviceProcess spec without its device.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessTemplateSpec(
    @JsonPropertyDescription(ARTIFACT) @Required Artifact artifact,
    @JsonPropertyDescription(EXECUTION) @Required Execution execution,
    @JsonPropertyDescription(RESTART_POLICY) @Default("Always") RestartPolicy restartPolicy,
    @JsonPropertyDescription(HEALTH_CHECK) HealthCheck healthCheck) {

  /** The descriptions of the fields a DeviceProcess spec shares with this template. */
  static final String ARTIFACT =
      "artifact is what the agent fetches, checks against its SHA-256 and runs.";

  static final String EXECUTION =
      "execution says how the agent runs the artifact: backend, command line, environment,"
          + " user and resource limits.";

  static final String RESTART_POLICY =
      "restartPolicy says when the agent restarts a process that exited: Always, OnFailure (a"
          + " non-zero exit) or Never, with a back-off of 1 s doubling to 60 s. Defaults to"
          + " Always.";

  static final String HEALTH_CHECK =
      "healthCheck is the probe whose result is the Healthy condition. A device counts as ready"
          + " only while it passes; unset, a Running process is healthy.";
}
