package io.rollwave.agent.backend;

import java.io.IOException;
import java.util.List;

/** Runs a command line to its end: how backends call systemctl, podman, docker or a script. */
public interface CommandRunner {
  /** Runs it with stdin from /dev/null; its stdout and stderr are returned together. */
  Result run(List<String> command) throws IOException;

  /** Its exit code and output. */
  record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }
}
