package io.rollwave.api.nats;

import io.rollwave.api.process.DeviceProcessSpec;

/**
 * The value of a {@code desired} entry: what one DeviceProcess should run. {@code revision} is the
 * rollout revision the spec belongs to; the agent echoes it in its status so the operator knows
 * which revision a report is about. A deleted entry means: stop and remove the process.
 */
public record DesiredProcess(
    String namespace,
    String deviceProcess,
    String revision,
    long generation,
    DeviceProcessSpec spec) {}
