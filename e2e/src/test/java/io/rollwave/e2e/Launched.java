package io.rollwave.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A process started through the {@code rollwave} launcher, its output in a log under target/. */
final class Launched implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private Launched(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static Launched start(Path repo, Path logDir, String name, String... args) {
    List<String> command = new ArrayList<>();
    command.add(repo.resolve("rollwave").toString());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      Process p =
          new ProcessBuilder(command)
              .directory(repo.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new Launched(name, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Stops the process as a kill would (SIGKILL), for crash tests. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return name + " (log " + log + ")";
  }
}
