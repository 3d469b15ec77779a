package io.rollwave.agent.backend.exec;

import io.rollwave.agent.backend.RunningProcess;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** A child this agent started: the JDK reaps it and knows its exit code. */
final class ChildProcess implements RunningProcess {
  private final Process process;
  private final Instant startedAt;

  ChildProcess(Process process) {
    this.process = process;
    this.startedAt = process.toHandle().info().startInstant().orElseGet(Instant::now);
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public CompletableFuture<OptionalInt> onExit() {
    return process.onExit().thenApply(p -> OptionalInt.of(p.exitValue()));
  }

  @Override
  public void terminate() {
    process.destroy();
  }

  @Override
  public void kill() {
    process.destroyForcibly();
  }
}
