package io.rollwave.agent.backend;

import io.rollwave.api.process.RestartPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to start: the expanded command line, its environment, working directory and log file; for
 * backends that restart or switch user themselves (systemd, container) the restart policy and user;
 * for the container backend the image and, when the spec gives a command, its first word as the
 * entrypoint (then {@code command} is the rest of it and the args); the resource limits, which only
 * backends that can enforce them read ({@link Backend#enforcesLimits()}).
 */
public record LaunchSpec(
    String name,
    List<String> command,
    Map<String, String> env,
    Path workDir,
    Path logFile,
    RestartPolicy restartPolicy,
    Optional<String> user,
    Optional<String> image,
    Optional<String> entrypoint,
    Limits limits) {
  public LaunchSpec {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    restartPolicy = restartPolicy == null ? RestartPolicy.Always : restartPolicy;
    limits = limits == null ? Limits.NONE : limits;
  }

  /** Restart policy Always, the agent's own user, no limits. */
  public LaunchSpec(
      String name, List<String> command, Map<String, String> env, Path workDir, Path logFile) {
    this(
        name,
        command,
        env,
        workDir,
        logFile,
        RestartPolicy.Always,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Limits.NONE);
  }
}
