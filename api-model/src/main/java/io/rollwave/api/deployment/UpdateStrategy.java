package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** How a new revision reaches the fleet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type == 'RollingUpdate' || !has(self.rollingUpdate)",
    message = "rollingUpdate may only be set when type is RollingUpdate")
public record UpdateStrategy(
    @JsonPropertyDescription(
            "type is RollingUpdate (devices move through a window, behind the health gate) or"
                + " Recreate (every device stops, then every one starts at the new revision)."
                + " Defaults to RollingUpdate.")
        @Default("RollingUpdate")
        UpdateStrategyType type,
    @JsonPropertyDescription(
            "rollingUpdate shapes the window of a RollingUpdate; only allowed with that type.")
        RollingUpdate rollingUpdate) {}
