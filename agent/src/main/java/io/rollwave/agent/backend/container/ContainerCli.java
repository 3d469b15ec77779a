package io.rollwave.agent.backend.container;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Which container CLI the device has: the configured one, else podman or docker from PATH. */
public final class ContainerCli {
  private static final List<String> KNOWN = List.of("podman", "docker");

  private ContainerCli() {}

  /** The configured CLI, else the first of podman, docker found executable on {@code path}. */
  public static Optional<String> find(Optional<String> configured, String path) {
    if (configured.isPresent()) {
      return configured;
    }
    for (String name : KNOWN) {
      for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return Optional.of(Path.of(dir, name).toString());
        }
      }
    }
    return Optional.empty();
  }
}
