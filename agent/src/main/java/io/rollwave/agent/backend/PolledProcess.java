package io.rollwave.agent.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A process that is not the agent's child (adopted after an agent restart, or started by an init
 * script): its exit code is unknown and its end is found by polling once a second. A zombie (ended,
 * not yet reaped by its parent) counts as ended.
 */
public final class PolledProcess implements RunningProcess {
  private static final ScheduledExecutorService POLL =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "process-poll");
            t.setDaemon(true);
            return t;
          });

  private final ProcessHandle handle;
  private final Instant startedAt;
  private final CompletableFuture<OptionalInt> exit = new CompletableFuture<>();
  private final Runnable terminate;

  /** {@code terminate} asks it to stop, e.g. SIGTERM or the init script's stop. */
  public PolledProcess(ProcessHandle handle, Runnable terminate) {
    this.handle = handle;
    this.terminate = terminate;
    this.startedAt = handle.info().startInstant().orElseThrow();
    ScheduledFuture<?> poll =
        POLL.scheduleWithFixedDelay(
            () -> {
              if (!isAlive()) {
                exit.complete(OptionalInt.empty());
              }
            },
            1,
            1,
            TimeUnit.SECONDS);
    exit.whenComplete((code, error) -> poll.cancel(false));
  }

  /**
   * The process with this pid if it is alive and still the one that started at {@code startedAt} (a
   * reused pid belongs to another process): what every backend adopts.
   */
  public static Optional<ProcessHandle> find(long pid, Instant startedAt) {
    return ProcessHandle.of(pid)
        .filter(PolledProcess::alive)
        .filter(h -> h.info().startInstant().map(startedAt::equals).orElse(false));
  }

  /** Alive and not a zombie. */
  public static boolean alive(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
      // state is the field after the parenthesised command name, which may itself hold spaces
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | IndexOutOfBoundsException e) {
      return h.isAlive();
    }
  }

  @Override
  public long pid() {
    return handle.pid();
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public boolean isAlive() {
    return alive(handle);
  }

  @Override
  public CompletableFuture<OptionalInt> onExit() {
    return exit;
  }

  @Override
  public void terminate() {
    terminate.run();
  }

  @Override
  public void kill() {
    handle.destroyForcibly();
  }
}
