package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.rollwave.api.Bounds;
import io.rollwave.api.common.Condition;
import java.util.List;

/**
 * What the device's agent last reported: the seed's fields, plus the revision the report is about
 * and when the agent last heard from it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceProcessStatus(
    @JsonPropertyDescription(
            "phase is the process's lifecycle as its agent reports it: Pending, Running,"
                + " Succeeded, Failed, CrashLoopBackOff, or Unknown when the agent has gone"
                + " silent.")
        ProcessPhase phase,
    @JsonPropertyDescription(
            "conditions are the agent's observations: ArtifactDownloaded, ProcessStarted and"
                + " Healthy.")
        List<Condition> conditions,
    @JsonPropertyDescription(
            "artifactVersion is the version of the artifact running (VERSION): the artifact's"
                + " version, or the OCI tag or file name of its URL.")
        String artifactVersion,
    @JsonPropertyDescription("pid is the process id on the device, while it runs.") @Min(0)
        Long pid,
    @JsonPropertyDescription("startTime is when the process last started (RFC 3339).")
        String startTime,
    @JsonPropertyDescription(
            "restartCount is how many times the agent restarted the process at this revision"
                + " (RESTARTS).")
        @Min(0)
        @Max(Bounds.MAX_INT32)
        Integer restartCount,
    @JsonPropertyDescription(
            "lastTerminationReason says how the process last ended, e.g. Exited with code 3.")
        String lastTerminationReason,
    @JsonPropertyDescription(
            "revision is the deployment revision this report is about; the rollout counts a"
                + " device only by reports for the revision its spec is set to.")
        String revision,
    @JsonPropertyDescription(
            "observedGeneration is the metadata.generation of the spec the agent last acted on.")
        Long observedGeneration) {}
