package io.rollwave.agent.backend;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** A process a backend started or adopted. */
public interface RunningProcess {
  long pid();

  /** When the OS says it started; with the pid, what tells it from a later process on that pid. */
  Instant startedAt();

  boolean isAlive();

  /** Completes when it ends, with its exit code when the backend can know it. */
  CompletableFuture<OptionalInt> onExit();

  /** Asks it to stop (SIGTERM). */
  void terminate();

  /** Stops it now (SIGKILL). */
  void kill();
}
