package io.rollwave.agent.backend.initd;

import io.rollwave.agent.backend.Backend;
import io.rollwave.agent.backend.CommandRunner;
import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.PolledProcess;
import io.rollwave.agent.backend.ProcessCommandRunner;
import io.rollwave.agent.backend.RunningProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a DeviceProcess through an LSB init script it writes to {@code <root>/<name>} and drives
 * with {@code start}, {@code stop} and {@code status} (exit 0 running, 1 dead with a pid file, 3
 * not running). The script's process is not the agent's child: its end is found by polling.
 */
public final class InitdBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(InitdBackend.class);

  /** LSB {@code status} exit codes. */
  static final int RUNNING = 0;

  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

  private final Path root;
  private final Path pidDir;
  private final Duration grace;
  private final CommandRunner runner = new ProcessCommandRunner(SCRIPT_TIMEOUT);

  /**
   * @param root where scripts go ({@code /etc/init.d} on a device)
   * @param pidDir where their pid files go
   * @param grace how long {@code stop} waits after SIGTERM before SIGKILL
   */
  public InitdBackend(Path root, Path pidDir, Duration grace) {
    this.root = root;
    this.pidDir = pidDir;
    this.grace = grace;
  }

  @Override
  public String name() {
    return "initd";
  }

  Path script(String name) {
    return root.resolve(name);
  }

  Path pidFile(String name) {
    return pidDir.resolve(name + ".pid");
  }

  @Override
  public RunningProcess start(LaunchSpec spec) throws IOException {
    Files.createDirectories(root);
    Files.createDirectories(pidDir);
    Path script = script(spec.name());
    Path temp = Files.createTempFile(root, "." + spec.name() + ".", ".tmp");
    try {
      Files.writeString(
          temp, InitScript.render(spec, pidFile(spec.name()), grace), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(temp, script, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    CommandRunner.Result started = run(spec.name(), "start");
    if (started.exitCode() != 0) {
      throw new IOException(
          script + " start exited with " + started.exitCode() + ": " + started.output().strip());
    }
    long pid = readPid(spec.name());
    return ProcessHandle.of(pid)
        .filter(PolledProcess::alive)
        .<RunningProcess>map(h -> process(spec.name(), h))
        .orElseThrow(
            () ->
                new IOException(
                    script
                        + " start wrote pid "
                        + pid
                        + " but it ended at once; see the log "
                        + spec.logFile()));
  }

  @Override
  public Optional<RunningProcess> adopt(String name, long pid, Instant startedAt) {
    try {
      if (!Files.isExecutable(script(name)) || status(name) != RUNNING || readPid(name) != pid) {
        return Optional.empty();
      }
    } catch (IOException e) {
      LOG.warn("dp {}: cannot read the status of {}: {}", name, script(name), e.toString());
      return Optional.empty();
    }
    return PolledProcess.find(pid, startedAt).map(h -> process(name, h));
  }

  /** Deletes the script and the pid file. */
  @Override
  public void remove(String name) throws IOException {
    Files.deleteIfExists(script(name));
    Files.deleteIfExists(pidFile(name));
  }

  /** LSB status of this DeviceProcess's script: 0 running, 1 dead with pid file, 3 not running. */
  public int status(String name) throws IOException {
    return run(name, "status").exitCode();
  }

  private RunningProcess process(String name, ProcessHandle h) {
    return new PolledProcess(
        h,
        () -> {
          try {
            new ProcessBuilder(script(name).toString(), "stop")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
          } catch (IOException e) {
            LOG.warn(
                "dp {}: {} stop failed ({}), sending SIGTERM", name, script(name), e.toString());
            h.destroy();
          }
        });
  }

  private long readPid(String name) throws IOException {
    String text = Files.readString(pidFile(name)).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("pid file " + pidFile(name) + " holds '" + text + "', not a pid", e);
    }
  }

  CommandRunner.Result run(String name, String action) throws IOException {
    return runner.run(List.of(script(name).toString(), action));
  }
}
