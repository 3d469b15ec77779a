package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.rollwave.api.common.DeviceRef;

/** One process on one device: the device, then the same fields as {@link ProcessTemplateSpec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceProcessSpec(
    @Required DeviceRef deviceRef,
    @Required Artifact artifact,
    @Required Execution execution,
    @Default("Always") RestartPolicy restartPolicy,
    HealthCheck healthCheck) {

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
