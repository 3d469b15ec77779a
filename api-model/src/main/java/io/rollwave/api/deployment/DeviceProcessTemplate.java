package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.rollwave.api.process.ProcessTemplateSpec;

/** The template of a deployment: hashed into a revision, stamped onto every matching device. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceProcessTemplate(
    @JsonPropertyDescription(
            "metadata holds labels and annotations added to each DeviceProcess the deployment"
                + " creates.")
        TemplateMetadata metadata,
    @JsonPropertyDescription(
            "spec is the DeviceProcess spec, without its device, that every matching device"
                + " runs.")
        @Required
        ProcessTemplateSpec spec) {}
