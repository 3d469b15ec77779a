package io.rollwave.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * A status condition in the Kubernetes convention. Only {@code type} and {@code status} are
 * required, so the seed's status examples (which omit some fields) apply unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @JsonPropertyDescription("type of the condition in CamelCase, e.g. Healthy or Progressing.")
        @Required
        String type,
    @JsonPropertyDescription("status of the condition: True, False or Unknown.") @Required
        ConditionStatus status,
    @JsonPropertyDescription(
            "reason is a one-word CamelCase cause of the last transition, e.g."
                + " FailureBudgetExceeded.")
        String reason,
    @JsonPropertyDescription("message says in words what the condition means now.") String message,
    @JsonPropertyDescription(
            "lastTransitionTime is when the status last changed (RFC 3339); bake time"
                + " (minReadySeconds) counts from Healthy's.")
        String lastTransitionTime,
    @JsonPropertyDescription(
            "observedGeneration is the metadata.generation the condition was set for.")
        Long observedGeneration) {}
