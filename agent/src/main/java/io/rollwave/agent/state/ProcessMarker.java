package io.rollwave.agent.state;

import io.rollwave.api.nats.ProcessId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent writes into the environment of every process it starts, so that it can find them
 * again when its state dir is lost: which device's agent started it, for which DeviceProcess, on
 * which backend, for which spec (revision, generation, spec digest), and its artifact. It lives in
 * the process itself (read back from {@code /proc/<pid>/environ}), so it cannot be lost with the
 * state dir nor point at a reused pid. Pure.
 */
public record ProcessMarker(
    String device,
    String deviceProcess,
    String backend,
    String revision,
    long generation,
    String specDigest,
    String artifact) {
  public static final String DEVICE = "ROLLWAVE_DEVICE";
  public static final String DEVICE_PROCESS = "ROLLWAVE_DEVICE_PROCESS";
  public static final String DEVICE_PROCESS_NAMESPACE = "ROLLWAVE_DEVICE_PROCESS_NAMESPACE";
  public static final String ARTIFACT = "ROLLWAVE_ARTIFACT";

  /**
   * {@code <backend>:<generation>:<spec digest>:<revision>}, the revision last as it may hold ':'.
   */
  public static final String RUN = "ROLLWAVE_RUN";

  /** The variables to add to the process's environment. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ARTIFACT, artifact);
    env.put(DEVICE, device);
    // deviceProcess is the agent's local name, <namespace>_<name>; the process sees both parts
    Optional<ProcessId> id = ProcessId.ofLocalName(deviceProcess);
    env.put(DEVICE_PROCESS, id.map(ProcessId::name).orElse(deviceProcess));
    id.ifPresent(p -> env.put(DEVICE_PROCESS_NAMESPACE, p.namespace()));
    env.put(RUN, backend + ":" + generation + ":" + specDigest + ":" + revision);
    return env;
  }

  /**
   * The marker in a process's environment as {@code /proc/<pid>/environ} holds it (NUL-separated
   * {@code NAME=value}); empty when it has none or a damaged one.
   */
  public static Optional<ProcessMarker> parse(byte[] environ) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0 && entry.startsWith("ROLLWAVE_")) {
        env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    String run = env.get(RUN);
    if (run == null || !env.containsKey(DEVICE) || !env.containsKey(DEVICE_PROCESS)) {
      return Optional.empty();
    }
    String[] parts = run.split(":", 4);
    if (parts.length < 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ProcessMarker(
              env.get(DEVICE),
              env.containsKey(DEVICE_PROCESS_NAMESPACE)
                  ? new ProcessId(env.get(DEVICE_PROCESS_NAMESPACE), env.get(DEVICE_PROCESS))
                      .localName()
                  : env.get(DEVICE_PROCESS),
              parts[0],
              parts[3],
              Long.parseLong(parts[1]),
              parts[2],
              env.getOrDefault(ARTIFACT, "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The state record this marker stands for, when the state file is lost: its restart count and the
   * artifact it replaced are unknown (0 and none), its start time is the OS's.
   */
  public ProcessRecord toRecord(long pid, Instant startedAt) {
    return new ProcessRecord(
        deviceProcess,
        backend,
        revision,
        generation,
        specDigest,
        artifact,
        pid,
        startedAt.toString(),
        startedAt.toString(),
        0,
        "");
  }
}
