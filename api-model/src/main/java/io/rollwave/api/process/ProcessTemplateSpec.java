package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/**
 * What a DeviceProcessDeployment stamps onto each device: a DeviceProcess spec without its device.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessTemplateSpec(
    @Required Artifact artifact,
    @Required Execution execution,
    @Default("Always") RestartPolicy restartPolicy,
    HealthCheck healthCheck) {}
