package io.rollwave.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * A status condition in the Kubernetes convention. Only {@code type} and {@code status} are
 * required, so the seed's status examples (which omit some fields) apply unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @Required String type,
    @Required ConditionStatus status,
    String reason,
    String message,
    String lastTransitionTime,
    Long observedGeneration) {}
