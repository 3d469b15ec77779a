package io.rollwave.agent.backend.exec;

import io.rollwave.agent.backend.Backend;
import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.RunningProcess;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs a process as the agent's own child. Its output goes to a log file, not a pipe, so it keeps
 * running when the agent dies; the restarted agent adopts it by pid and start time.
 */
public final class ExecBackend implements Backend {
  @Override
  public String name() {
    return "exec";
  }

  @Override
  public RunningProcess start(LaunchSpec spec) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(spec.command())
            .directory(spec.workDir().toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
    pb.environment().putAll(spec.env());
    return new ChildProcess(pb.start());
  }

  @Override
  public Optional<RunningProcess> adopt(String name, long pid, Instant startedAt) {
    return takeOver(name, pid, startedAt);
  }
}
