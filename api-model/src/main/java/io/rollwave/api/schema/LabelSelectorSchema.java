package io.rollwave.api.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** The schema of a {@code LabelSelector}, described. */
public record LabelSelectorSchema(
    @JsonPropertyDescription(
            "matchLabels selects devices whose labels have each of these keys with exactly this"
                + " value. The selector is the AND of matchLabels and matchExpressions.")
        Map<String, String> matchLabels,
    @JsonPropertyDescription(
            "matchExpressions are requirements on device labels (In, NotIn, Exists,"
                + " DoesNotExist); a device must meet all of them.")
        List<LabelSelectorRequirementSchema> matchExpressions) {}
