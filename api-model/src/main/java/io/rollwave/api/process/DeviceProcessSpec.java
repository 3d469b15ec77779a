package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.rollwave.api.common.DeviceRef;

/** One process on one device: the device, then the same fields as {@link ProcessTemplateSpec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceProcessSpec(
    @JsonPropertyDescription(
            "deviceRef names the inventory device the process runs on; its agent is the only one"
                + " that receives this spec.")
        @Required
        DeviceRef deviceRef,
    @JsonPropertyDescription(ProcessTemplateSpec.ARTIFACT) @Required Artifact artifact,
    @JsonPropertyDescription(ProcessTemplateSpec.EXECUTION) @Required Execution execution,
    @JsonPropertyDescription(ProcessTemplateSpec.RESTART_POLICY) @Default("Always")
        RestartPolicy restartPolicy,
    @JsonPropertyDescription(ProcessTemplateSpec.HEALTH_CHECK) HealthCheck healthCheck) {

  /** The spec a deployment gives the DeviceProcess of {@code device}. */
  public static DeviceProcessSpec of(DeviceRef device, ProcessTemplateSpec template) {
    return new DeviceProcessSpec(
        device,
        template.artifact(),
        template.execution(),
        template.restartPolicy(),
        template.healthCheck());
  }

  /** This spec without its device: what a deployment's template would say. */
  public ProcessTemplateSpec template() {
    return new ProcessTemplateSpec(artifact, execution, restartPolicy, healthCheck);
  }
}
