package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.rollwave.api.Bounds;

/** The seed's deployment spec plus the rollout policy of ARCHITECTURE.md section 2. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.selector.matchLabels) || has(self.selector.matchExpressions)",
    fieldPath = ".selector",
    message =
        "selector must have matchLabels or matchExpressions: an empty selector would select"
            + " every device")
public record DeviceProcessDeploymentSpec(
    @Required LabelSelector selector,
    UpdateStrategy updateStrategy,
    @Required DeviceProcessTemplate template,
    @Min(0) @Max(Bounds.DAY_SECONDS) @Default("0") Integer minReadySeconds,
    @Min(1) @Max(Bounds.DAY_SECONDS) @Default("600") Integer progressDeadlineSeconds,
    FailurePolicy failurePolicy,
    @Default("false") Boolean paused,
    @Min(0) @Max(Bounds.MAX_REVISION_HISTORY) @Default("10") Integer revisionHistoryLimit) {}
