package io.rollwave.agent.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What to start: the expanded command line, its environment, working directory and log file. */
public record LaunchSpec(
    String name, List<String> command, Map<String, String> env, Path workDir, Path logFile) {
  public LaunchSpec {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }
}
