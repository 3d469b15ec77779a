package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.rollwave.api.Bounds;
import io.rollwave.api.common.Condition;
import java.util.List;

/** The seed's DaemonSet-like counts, the revisions, the rollout and the conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceProcessDeploymentStatus(
    @JsonPropertyDescription(
            "observedGeneration is the metadata.generation of the spec this status was written"
                + " for.")
        Long observedGeneration,
    @JsonPropertyDescription(
            "desiredNumberScheduled is the number of devices the selector matches (DESIRED).")
        @Min(0)
        @Max(Bounds.MAX_INT32)
        Integer desiredNumberScheduled,
    @JsonPropertyDescription(
            "currentNumberScheduled is the number of matching devices that have their"
                + " DeviceProcess (CURRENT).")
        @Min(0)
        @Max(Bounds.MAX_INT32)
        Integer currentNumberScheduled,
    @JsonPropertyDescription(
            "numberReady is the number of devices whose agent reports Running and Healthy at the"
                + " revision their DeviceProcess is set to (READY).")
        @Min(0)
        @Max(Bounds.MAX_INT32)
        Integer numberReady,
    @JsonPropertyDescription(
            "numberAvailable is the number of devices ready for at least minReadySeconds"
                + " (AVAILABLE).")
        @Min(0)
        @Max(Bounds.MAX_INT32)
        Integer numberAvailable,
    @JsonPropertyDescription(
            "numberUnavailable is the number of matching devices not available, for any reason;"
                + " the rollout window counts them against maxUnavailable (UNAVAILABLE).")
        @Min(0)
        @Max(Bounds.MAX_INT32)
        Integer numberUnavailable,
    @JsonPropertyDescription(
            "updatedNumberScheduled is the number of devices whose DeviceProcess is set to the"
                + " update revision (UP-TO-DATE).")
        @Min(0)
        @Max(Bounds.MAX_INT32)
        Integer updatedNumberScheduled,
    @JsonPropertyDescription(
            "conditions are the operator's observations: Available, Progressing, Paused,"
                + " RolledBack, and ReplicaFailure while matching devices cannot get a"
                + " DeviceProcess.")
        List<Condition> conditions,
    @JsonPropertyDescription(
            "updateRevision is the revision (the template's hash) the rollout moves devices to.")
        String updateRevision,
    @JsonPropertyDescription(
            "currentRevision is the revision the whole fleet runs and is available at; after a"
                + " rollback, the revision returned to.")
        String currentRevision,
    @JsonPropertyDescription(
            "rollout is the rollout as its Temporal workflow last reported it: phase, reason and"
                + " which workflow run it is.")
        RolloutStatus rollout) {}
