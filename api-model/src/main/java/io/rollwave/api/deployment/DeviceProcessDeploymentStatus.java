package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.rollwave.api.Bounds;
import io.rollwave.api.common.Condition;
import java.util.List;

/** The seed's DaemonSet-like counts, the revisions, the rollout and the conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceProcessDeploymentStatus(
    Long observedGeneration,
    @Min(0) @Max(Bounds.MAX_INT32) Integer desiredNumberScheduled,
    @Min(0) @Max(Bounds.MAX_INT32) Integer currentNumberScheduled,
    @Min(0) @Max(Bounds.MAX_INT32) Integer numberReady,
    @Min(0) @Max(Bounds.MAX_INT32) Integer numberAvailable,
    @Min(0) @Max(Bounds.MAX_INT32) Integer numberUnavailable,
    @Min(0) @Max(Bounds.MAX_INT32) Integer updatedNumberScheduled,
    List<Condition> conditions,
    String updateRevision,
    String currentRevision,
    RolloutStatus rollout) {}
