package io.rollwave.agent.backend;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A process that a service manager or container engine runs for the agent (systemd, podman,
 * docker): its end is found by polling the pid, its exit code then asked of the manager, and it is
 * stopped and killed through the manager, so the manager's own restart policy does not bring it
 * back behind the agent's back.
 */
public final class ManagedProcess implements RunningProcess {
  private final PolledProcess polled;
  private final Runnable kill;
  private final CompletableFuture<OptionalInt> exit;

  /**
   * @param terminate asks the manager to stop it (SIGTERM); must not wait for the end
   * @param kill asks the manager to SIGKILL it
   * @param exitCode asked once it ended: its exit code, if the manager still knows it
   */
  public ManagedProcess(
      ProcessHandle handle, Runnable terminate, Runnable kill, Supplier<OptionalInt> exitCode) {
    this.polled = new PolledProcess(handle, terminate);
    this.kill = kill;
    this.exit = polled.onExit().thenApply(unknown -> exitCode.get());
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
    kill.run();
  }
}
