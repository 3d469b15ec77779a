package io.rollwave.api.nats;

import io.rollwave.api.process.DeviceProcessStatus;

/**
 * The value of a {@code status} entry: the agent's newest status of one DeviceProcess, in the
 * DeviceProcess's own status shape ({@code status.revision} names the revision it is about).
 */
public record ReportedStatus(
    String namespace, String deviceProcess, long observedGeneration, DeviceProcessStatus status) {}
