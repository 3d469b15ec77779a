package io.rollwave.agent.backend.systemd;

import io.rollwave.agent.backend.PolledProcess;
import io.rollwave.agent.backend.RunningProcess;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A unit's main process: its end is found by polling the pid, its exit code is then asked of
 * systemd; stopping goes through systemctl so that {@code Restart=} does not bring it back.
 */
final class SystemdProcess implements RunningProcess {
  private final PolledProcess polled;
  private final SystemdBackend systemd;
  private final String unit;
  private final CompletableFuture<OptionalInt> exit;

  SystemdProcess(ProcessHandle handle, SystemdBackend systemd, String unit) {
    this.systemd = systemd;
    this.unit = unit;
    this.polled = new PolledProcess(handle, () -> systemd.stopNoBlock(unit, handle));
    this.exit = polled.onExit().thenApply(unknown -> systemd.exitCode(unit, handle.pid()));
  }

  @Override
  public long pid() {
    return polled.pid();
  }

  @Override
  public Instant startedAt() {
    return polled.startedAt();
  }

  @Override
  public boolean isAlive() {
    return polled.isAlive();
  }

  @Override
  public CompletableFuture<OptionalInt> onExit() {
    return exit;
  }

  @Override
  public void terminate() {
    polled.terminate();
  }

  @Override
  public void kill() {
    systemd.kill(unit, polled);
  }
}
