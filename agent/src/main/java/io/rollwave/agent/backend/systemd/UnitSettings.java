package io.rollwave.agent.backend.systemd;

import io.rollwave.api.process.RestartPolicy;
import java.util.Optional;

/**
 * What a unit needs beyond the command line: the restart policy, the user, and resource limits
 * ({@code MemoryMax=} such as {@code 64M}, {@code CPUQuota=} such as {@code 50%}) when given.
 */
public record UnitSettings(
    RestartPolicy restartPolicy,
    Optional<String> user,
    Optional<String> memoryMax,
    Optional<String> cpuQuota) {}
