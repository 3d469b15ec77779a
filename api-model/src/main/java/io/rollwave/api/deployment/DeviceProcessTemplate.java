package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.rollwave.api.process.ProcessTemplateSpec;

/** The template of a deployment: hashed into a revision, stamped onto every matching device. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceProcessTemplate(
    TemplateMetadata metadata, @Required ProcessTemplateSpec spec) {}
