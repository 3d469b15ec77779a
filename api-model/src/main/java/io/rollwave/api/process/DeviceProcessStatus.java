package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    ProcessPhase phase,
    List<Condition> conditions,
    String artifactVersion,
    @Min(0) Long pid,
    String startTime,
    @Min(0) @Max(Bounds.MAX_INT32) Integer restartCount,
    String lastTerminationReason,
    String revision,
    Long observedGeneration) {}
