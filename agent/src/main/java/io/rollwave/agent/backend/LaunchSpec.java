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
 * entrypoint (then {@code command} is the rest of it and the args), and the Docker config document
 * of the artifact's pull secret, if it has one, for the engine's pull; the resource limits, which
 * only backends that can enforce them read ({@link Backend#enforcesLimits()}).
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
    Optional<String> pullSecret,
    Limits limits) {
  public LaunchSpec {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    restartPolicy = restartPolicy == null ? RestartPolicy.Always : restartPolicy;
    pullSecret = pullSecret == null ? Optional.empty() : pullSecret;
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
        Optional.empty(),
        Limits.NONE);
  }

  /** Without the pull secret's document, which must never reach a log. */
  @Override
  public String toString() {
    return "LaunchSpec[name=%s, command=%s, image=%s, entrypoint=%s, pullSecret=%s]"
        .formatted(name, command, image, entrypoint, pullSecret.map(s -> "(given)").orElse("none"));
  }
}
