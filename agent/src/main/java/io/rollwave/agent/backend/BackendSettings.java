package io.rollwave.agent.backend;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where backends install what they run and which commands they call: the init.d and systemd unit
 * directories, the systemctl command, and the container CLI ({@code podman} or {@code docker};
 * empty: whichever is on PATH, podman first).
 */
public record BackendSettings(
    Path initdRoot, Path systemdRoot, String systemctl, Optional<String> containerCli) {
  public static final Path DEFAULT_INITD_ROOT = Path.of("/etc/init.d");
  public static final Path DEFAULT_SYSTEMD_ROOT = Path.of("/etc/systemd/system");
  public static final String DEFAULT_SYSTEMCTL = "systemctl";

  /** The device defaults, with scripts under {@code initdRoot}. */
  public static BackendSettings withInitdRoot(Path initdRoot) {
    return new BackendSettings(
        initdRoot, DEFAULT_SYSTEMD_ROOT, DEFAULT_SYSTEMCTL, Optional.empty());
  }
}
