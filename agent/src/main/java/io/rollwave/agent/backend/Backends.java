package io.rollwave.agent.backend;

import io.rollwave.agent.backend.container.ContainerBackend;
import io.rollwave.agent.backend.container.ContainerCli;
import io.rollwave.agent.backend.exec.ExecBackend;
import io.rollwave.agent.backend.initd.InitdBackend;
import io.rollwave.agent.backend.systemd.SystemdBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The backends this agent can run, by the spec's {@code execution.backend}. */
public final class Backends {
  /** How long one systemctl or container CLI call may take. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Map<io.rollwave.api.process.Backend, Backend> available;
  private final Map<io.rollwave.api.process.Backend, String> missing;

  Backends(
      Map<io.rollwave.api.process.Backend, Backend> available,
      Map<io.rollwave.api.process.Backend, String> missing) {
    this.available = available;
    this.missing = missing;
  }

  /**
   * What this build of the agent supports: exec; initd with scripts under the init.d root and pid
   * files under {@code <state-dir>/run}; systemd with units under the systemd root; container
   * through podman or docker when the device has either, pull secrets written under {@code
   * <state-dir>/auth} while the engine pulls.
   */
  public static Backends standard(Path stateDir, BackendSettings settings, Duration grace) {
    return standard(stateDir, settings, grace, System.getenv("PATH"));
  }

  static Backends standard(Path stateDir, BackendSettings settings, Duration grace, String path) {
    Map<io.rollwave.api.process.Backend, Backend> m =
        new EnumMap<>(io.rollwave.api.process.Backend.class);
    m.put(io.rollwave.api.process.Backend.EXEC, new ExecBackend());
    m.put(
        io.rollwave.api.process.Backend.INITD,
        new InitdBackend(settings.initdRoot(), stateDir.resolve("run"), grace));
    m.put(
        io.rollwave.api.process.Backend.SYSTEMD,
        new SystemdBackend(
            settings.systemdRoot(),
            settings.systemctl(),
            new ProcessCommandRunner(COMMAND_TIMEOUT),
            COMMAND_TIMEOUT));
    Map<io.rollwave.api.process.Backend, String> missing =
        new EnumMap<>(io.rollwave.api.process.Backend.class);
    ContainerCli.find(settings.containerCli(), path)
        .ifPresentOrElse(
            cli ->
                m.put(
                    io.rollwave.api.process.Backend.CONTAINER,
                    new ContainerBackend(
                        cli,
                        new ProcessCommandRunner(COMMAND_TIMEOUT),
                        grace,
                        stateDir.resolve("auth"))),
            () ->
                missing.put(
                    io.rollwave.api.process.Backend.CONTAINER,
                    "neither podman nor docker is on the agent's PATH; install one or start the"
                        + " agent with --container-cli PATH"));
    return new Backends(m, missing);
  }

  public Optional<Backend> forSpec(io.rollwave.api.process.Backend kind) {
    return Optional.ofNullable(
        available.get(kind == null ? io.rollwave.api.process.Backend.EXEC : kind));
  }

  /** Why a backend cannot be used, for the status condition's message. */
  public String unsupportedMessage(io.rollwave.api.process.Backend kind) {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT);
    if (missing.containsKey(kind)) {
      return "execution.backend " + name + " cannot run on this device: " + missing.get(kind);
    }
    return "execution.backend "
        + name
        + " is not supported by this agent (supported: "
        + available.keySet().stream()
            .map(k -> k.name().toLowerCase(java.util.Locale.ROOT))
            .sorted()
            .toList()
        + "); set execution.backend to one of those";
  }
}
