package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rollwave.api.common.Condition;
import java.util.List;

/** The seed's DaemonSet-like counts, the revisions, the rollout and the conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceProcessDeploymentStatus(
    Long observedGeneration,
    Integer desiredNumberScheduled,
    Integer currentNumberScheduled,
    Integer numberReady,
    Integer numberAvailable,
    Integer numberUnavailable,
    Integer updatedNumberScheduled,
    List<Condition> conditions,
    String updateRevision,
    String currentRevision,
    RolloutStatus rollout) {}
