package io.rollwave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command line to completion and returns its output (stdout and stderr together). */
public final class Commands {
  private Commands() {}

  public static String run(List<String> command, Duration timeout) {
    return run(command, Map.of(), null, timeout);
  }

  /** Runs {@code command} with extra environment and optional standard input. */
  public static String run(
      List<String> command, Map<String, String> env, String stdin, Duration timeout) {
    Result r = tryRun(command, env, stdin, timeout);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "command failed with exit code "
              + r.exitCode()
              + ": "
              + String.join(" ", command)
              + "\n"
              + r.output());
    }
    return r.output();
  }

  /** Runs {@code command} and returns its exit code and output, whatever the exit code. */
  public static Result tryRun(
      List<String> command, Map<String, String> env, String stdin, Duration timeout) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("command timed out after " + timeout + ": " + command);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  /** What a finished command returned. */
  public record Result(int exitCode, String output) {}
}
