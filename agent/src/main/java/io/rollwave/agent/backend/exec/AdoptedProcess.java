package io.rollwave.agent.backend.exec;

import io.rollwave.agent.backend.RunningProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A process a previous agent started: no longer our child, so its exit code is unknown and its end
 * is found by polling. A zombie (ended, not yet reaped by its new parent) counts as ended.
 */
final class AdoptedProcess implements RunningProcess {
  private static final ScheduledExecutorService POLL =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "adopted-poll");
            t.setDaemon(true);
            return t;
          });

  private final ProcessHandle handle;
  private final Instant startedAt;
  private final CompletableFuture<OptionalInt> exit = new CompletableFuture<>();

  AdoptedProcess(ProcessHandle handle) {
    this.handle = handle;
    this.startedAt = handle.info().startInstant().orElseThrow();
    POLL.scheduleWithFixedDelay(
        () -> {
          if (!exit.isDone() && !isAlive()) {
            exit.complete(OptionalInt.empty());
          }
          if (exit.isDone()) {
            throw new IllegalStateException("done"); // ends this poll
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  static boolean alive(ProcessHandle h) {
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
    handle.destroy();
  }

  @Override
  public void kill() {
    handle.destroyForcibly();
  }
}
