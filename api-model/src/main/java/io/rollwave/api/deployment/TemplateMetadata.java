package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.rollwave.api.Bounds;
import io.rollwave.api.Labels;
import java.util.Map;

/**
 * Labels and annotations a deployment adds to each DeviceProcess it creates: checked here as the
 * API server would check them on the DeviceProcess, and kept off Rollwave's own keys. Label values
 * get {@link Bounds#LABEL_VALUE_PATTERN} and a {@code maxLength} of {@link Bounds#MAX_LABEL_VALUE}
 * in the chart's CRD (fabric8's generator cannot annotate a map's values; ChartCrdsTest adds them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateMetadata(
    @JsonPropertyDescription(
            "labels are added to each DeviceProcess of the deployment, at most "
                + Bounds.MAX_TEMPLATE_LABELS
                + "; keys under "
                + Labels.RESERVED_PREFIX
                + " are reserved.")
        @Size(max = Bounds.MAX_TEMPLATE_LABELS)
        @ValidationRule(value = LabelRules.KEYS_NOT_RESERVED, message = LabelRules.RESERVED_MESSAGE)
        @ValidationRule(value = LabelRules.KEYS, message = LabelRules.KEYS_MESSAGE)
        Map<String, String> labels,
    @JsonPropertyDescription(
            "annotations are added to each DeviceProcess of the deployment, at most "
                + Bounds.MAX_TEMPLATE_LABELS
                + "; keys under "
                + Labels.RESERVED_PREFIX
                + " are reserved.")
        @Size(max = Bounds.MAX_TEMPLATE_LABELS)
        @ValidationRule(value = LabelRules.KEYS_NOT_RESERVED, message = LabelRules.RESERVED_MESSAGE)
        @ValidationRule(value = LabelRules.KEYS, message = LabelRules.KEYS_MESSAGE)
        Map<String, String> annotations) {}
