package io.rollwave.agent.backend;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * How a DeviceProcess is run on the device: starts it, and finds it again after an agent restart.
 * Supervision (probes, restart policy, status) stays with the agent, the same for every backend.
 */
public interface Backend {
  /** The name the spec uses in {@code execution.backend}. */
  String name();

  /** Starts the process; it must outlive the agent (a SIGKILLed agent adopts it on restart). */
  RunningProcess start(LaunchSpec spec) throws IOException;

  /**
   * DeviceProcess {@code name}'s process with this pid, if it is still the one started at {@code
   * startedAt} (a reused pid belongs to another process and is not adopted).
   */
  Optional<RunningProcess> adopt(String name, long pid, Instant startedAt);

  /**
   * DeviceProcess {@code name}'s process found by the marker in its environment when the agent has
   * no state file for it (its state dir was lost), if it still runs as the one started at {@code
   * startedAt}: to adopt it or stop it with SIGTERM. Empty for a backend that finds its process by
   * a name of its own instead (a systemd unit, a container), where {@link #start} takes over or
   * replaces what runs under that name, and stopping the pid would only make the manager restart
   * it.
   */
  default Optional<RunningProcess> takeOver(String name, long pid, Instant startedAt) {
    return PolledProcess.find(pid, startedAt).map(h -> new PolledProcess(h, h::destroy));
  }

  /**
   * The DeviceProcess was deleted and its process stopped: removes what the backend installed for
   * it (a unit, a script, a container). Backends that install nothing, like exec, keep the default.
   */
  default void remove(String name) throws IOException {}

  /**
   * True when the backend's engine pulls the artifact itself (a container image, verified by its
   * digest), so the agent does not download it into its cache.
   */
  default boolean pullsImage() {
    return false;
  }

  /**
   * True when the backend enforces {@link LaunchSpec#limits()} (through cgroups: a systemd unit's
   * MemoryMax= and CPUQuota=, a container's --memory and --cpus). exec and initd start a plain
   * child and cannot.
   */
  default boolean enforcesLimits() {
    return false;
  }
}
