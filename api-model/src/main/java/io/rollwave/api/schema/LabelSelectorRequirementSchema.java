package io.rollwave.api.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The schema of a {@code LabelSelectorRequirement}, described. */
public record LabelSelectorRequirementSchema(
    @JsonPropertyDescription("key is the label key the requirement applies to, e.g. rack.")
        String key,
    @JsonPropertyDescription(
            "operator relates the key to the values: In, NotIn, Exists or DoesNotExist.")
        String operator,
    @JsonPropertyDescription(
            "values are the label values for In and NotIn (at least one); Exists and DoesNotExist"
                + " take none.")
        List<String> values) {}
