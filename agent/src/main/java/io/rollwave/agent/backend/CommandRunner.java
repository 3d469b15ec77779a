package io.rollwave.agent.backend;

import java.io.IOException;
import java.util.List;

/** Runs a command line to its end: how backends call systemctl, podman, docker or a script. */
public interface CommandRunner {
  /** Runs it with stdin from /dev/null; its stdout and stderr are returned together. */
  Result run(List<String> command) throws IOException;

  /** Runs it; a non-zero exit is an error naming the command line, its exit code and output. */
  default Result checked(List<String> command) throws IOException {
    Result r = run(command);
    if (!r.ok()) {
      throw r.failure(command);
    }
    return r;
  }

  /** Its exit code and output. */
  record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }

    public IOException failure(List<String> command) {
      return new IOException(
          String.join(" ", command) + " exited with " + exitCode + ": " + output.strip());
    }
  }
}
