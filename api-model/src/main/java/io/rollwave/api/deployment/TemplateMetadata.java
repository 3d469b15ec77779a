package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Labels and annotations a deployment adds to each DeviceProcess it creates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateMetadata(Map<String, String> labels, Map<String, String> annotations) {}
