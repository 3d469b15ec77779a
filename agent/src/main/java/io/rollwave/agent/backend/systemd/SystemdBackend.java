package io.rollwave.agent.backend.systemd;

import io.rollwave.agent.backend.Backend;
import io.rollwave.agent.backend.CommandRunner;
import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.ManagedProcess;
import io.rollwave.agent.backend.PolledProcess;
import io.rollwave.agent.backend.RunningProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a DeviceProcess as a systemd service: writes {@code rollwave-<dp>.service} into the unit
 * directory, then {@code systemctl daemon-reload}, {@code enable}, {@code start}, waits for {@code
 * is-active} and takes the pid from {@code show -p MainPID --value}. A restarted agent adopts a
 * unit that is active with the saved MainPID.
 */
public final class SystemdBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(SystemdBackend.class);
  private static final Duration ACTIVE_POLL = Duration.ofMillis(200);

  private final Path unitDir;
  private final String systemctl;
  private final CommandRunner runner;
  private final int activePolls;

  /**
   * @param unitDir where units go ({@code /etc/systemd/system} on a device)
   * @param systemctl the systemctl command
   * @param activeTimeout how long a started unit may take to become active
   */
  public SystemdBackend(
      Path unitDir, String systemctl, CommandRunner runner, Duration activeTimeout) {
    this.unitDir = unitDir;
    this.systemctl = systemctl;
    this.runner = runner;
    this.activePolls = (int) Math.max(1, activeTimeout.toMillis() / ACTIVE_POLL.toMillis());
  }

  @Override
  public String name() {
    return "systemd";
  }

  @Override
  public boolean enforcesLimits() {
    return true;
  }

  Path unitFile(String name) {
    return unitDir.resolve(SystemdUnit.unitName(name));
  }

  @Override
  public RunningProcess start(LaunchSpec spec) throws IOException {
    String unit = SystemdUnit.unitName(spec.name());
    boolean replaced =
        writeUnit(
            spec,
            new UnitSettings(
                spec.restartPolicy(),
                spec.user(),
                spec.limits().memoryMax(),
                spec.limits().cpuQuota()));
    checked("daemon-reload");
    checked("enable", unit);
    // start leaves an active unit as it is: right when it runs this very unit (systemd restarted
    // it, or an agent that lost its state dir starts it again), wrong when the unit changed
    checked(replaced ? "restart" : "start", unit);
    awaitActive(unit);
    long pid = mainPid(unit);
    return ProcessHandle.of(pid)
        .filter(PolledProcess::alive)
        .<RunningProcess>map(h -> managed(h, unit))
        .orElseThrow(
            () ->
                new IOException(
                    unit
                        + " is active with MainPID "
                        + pid
                        + ", which is not running (see journalctl -u "
                        + unit
                        + ")"));
  }

  /** Writes the unit; true when it replaced one with other text (a unit then running is stale). */
  private boolean writeUnit(LaunchSpec spec, UnitSettings settings) throws IOException {
    Files.createDirectories(unitDir);
    String text = SystemdUnit.render(spec, settings);
    Path file = unitFile(spec.name());
    boolean replaced = Files.isRegularFile(file) && !Files.readString(file).equals(text);
    Path temp = Files.createTempFile(unitDir, "." + spec.name() + ".", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return replaced;
  }

  /** Polls {@code is-active} until active; a failed or inactive unit is an error at once. */
  private void awaitActive(String unit) throws IOException {
    String state = "";
    for (int i = 0; i < activePolls; i++) {
      state = isActive(unit);
      switch (state) {
        case "active" -> {
          return;
        }
        case "activating", "reloading" -> sleep(unit);
        default ->
            throw new IOException(
                unit + " is " + state + " after systemctl start; see journalctl -u " + unit);
      }
    }
    throw new IOException(
        unit + " still " + state + " after " + activePolls * ACTIVE_POLL.toMillis() + " ms");
  }

  private static void sleep(String unit) throws IOException {
    try {
      Thread.sleep(ACTIVE_POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + unit + " to become active", e);
    }
  }

  private String isActive(String unit) throws IOException {
    // is-active exits non-zero for every state but active; the state it prints is the answer
    return systemctl("is-active", unit).output().strip();
  }

  private long mainPid(String unit) throws IOException {
    String out = checked("show", "-p", "MainPID", "--value", unit).output().strip();
    try {
      long pid = Long.parseLong(out);
      if (pid <= 0) {
        throw new IOException(unit + " is active but has no main process (MainPID " + pid + ")");
      }
      return pid;
    } catch (NumberFormatException e) {
      throw new IOException("systemctl show -p MainPID " + unit + " said '" + out + "'", e);
    }
  }

  @Override
  public Optional<RunningProcess> adopt(String name, long pid, Instant startedAt) {
    String unit = SystemdUnit.unitName(name);
    try {
      if (!Files.isRegularFile(unitFile(name))
          || !"active".equals(isActive(unit))
          || mainPid(unit) != pid) {
        return Optional.empty();
      }
    } catch (IOException e) {
      LOG.warn("dp {}: cannot ask systemd about {}: {}", name, unit, e.getMessage());
      return Optional.empty();
    }
    return PolledProcess.find(pid, startedAt).map(h -> managed(h, unit));
  }

  /** Found by its unit name instead: {@link #start} takes an active unit over. */
  @Override
  public Optional<RunningProcess> takeOver(String name, long pid, Instant startedAt) {
    return Optional.empty();
  }

  /** Disables the unit, deletes its file and reloads systemd. */
  @Override
  public void remove(String name) throws IOException {
    String unit = SystemdUnit.unitName(name);
    checked("disable", unit);
    Files.deleteIfExists(unitFile(name));
    checked("daemon-reload");
  }

  private RunningProcess managed(ProcessHandle h, String unit) {
    return new ManagedProcess(
        h, () -> stopNoBlock(unit, h), () -> kill(unit, h), () -> exitCode(unit, h.pid()));
  }

  /** {@code systemctl stop --no-block}: SIGTERM now; the agent waits out the grace itself. */
  private void stopNoBlock(String unit, ProcessHandle handle) {
    try {
      checked("stop", "--no-block", unit);
    } catch (IOException e) {
      LOG.warn(
          "{}: systemctl stop failed ({}), sending SIGTERM to {}",
          unit,
          e.getMessage(),
          handle.pid());
      handle.destroy();
    }
  }

  /** SIGKILL through systemd, so the unit knows it was stopped; the pid directly if that fails. */
  private void kill(String unit, ProcessHandle handle) {
    try {
      checked("kill", "--signal=SIGKILL", unit);
    } catch (IOException e) {
      LOG.warn(
          "{}: systemctl kill failed ({}), killing pid {}", unit, e.getMessage(), handle.pid());
      handle.destroyForcibly();
    }
  }

  /** The ended main process's exit code, when systemd still describes that pid. */
  private OptionalInt exitCode(String unit, long pid) {
    try {
      return ExitStatus.of(
          checked("show", "-p", "ExecMainPID", "-p", "ExecMainCode", "-p", "ExecMainStatus", unit)
              .output(),
          pid);
    } catch (IOException e) {
      LOG.warn("{}: exit status of pid {} unknown: {}", unit, pid, e.getMessage());
      return OptionalInt.empty();
    }
  }

  private CommandRunner.Result systemctl(String... args) throws IOException {
    return runner.run(command(args));
  }

  private CommandRunner.Result checked(String... args) throws IOException {
    return runner.checked(command(args));
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(systemctl);
    command.addAll(List.of(args));
    return command;
  }
}
