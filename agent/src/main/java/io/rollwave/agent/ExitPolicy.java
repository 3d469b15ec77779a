package io.rollwave.agent;

import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.RestartPolicy;

/** What an ended process means: its termination reason, and restart or settle per policy. Pure. */
final class ExitPolicy {
  private ExitPolicy() {}

  /**
   * The JDK reports a process killed by signal N as exit value 128 + N, as shells do; a process
   * that exits with such a code itself is indistinguishable.
   */
  static String terminationReason(int exitCode) {
    return exitCode > 128 ? "Killed by signal " + (exitCode - 128) : "Exited with code " + exitCode;
  }

  /** Restart it? {@code failed} is a non-zero exit, a failed start or a failed health check. */
  static boolean restarts(RestartPolicy policy, boolean failed) {
    return switch (policy == null ? RestartPolicy.Always : policy) {
      case Always -> true;
      case OnFailure -> failed;
      case Never -> false;
    };
  }

  /** The phase a process that is not restarted settles in. */
  static ProcessPhase settledPhase(boolean failed) {
    return failed ? ProcessPhase.Failed : ProcessPhase.Succeeded;
  }
}
