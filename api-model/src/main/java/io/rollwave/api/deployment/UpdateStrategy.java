package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** How a new revision reaches the fleet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type == 'RollingUpdate' || !has(self.rollingUpdate)",
    message = "rollingUpdate may only be set when type is RollingUpdate")
public record UpdateStrategy(
    @Default("RollingUpdate") UpdateStrategyType type, RollingUpdate rollingUpdate) {}
