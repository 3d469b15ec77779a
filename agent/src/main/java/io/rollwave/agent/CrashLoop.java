package io.rollwave.agent;

import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.RestartPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * What follows a process's end, as the kubelet does it: either a restart after a back-off that
 * doubles with each end in a row up to its cap, shown as phase {@code CrashLoopBackOff} while it
 * waits (never {@code Running} without a pid), where a run of at least {@code resetAfter} counts as
 * good and the back-off starts again from its base; or, when the restart policy says no restart,
 * the phase it settles in. Pure.
 */
final class CrashLoop {
  /** Restart after {@code backOff} (nominal, before jitter), or settle: {@code backOff} empty. */
  record Next(ProcessPhase phase, Optional<Duration> backOff) {}

  private final Backoff backoff;
  private final Duration resetAfter;
  private int inARow;

  CrashLoop(Backoff backoff, Duration resetAfter) {
    this.backoff = backoff;
    this.resetAfter = resetAfter;
  }

  /**
   * The process ended ({@code failed}: a non-zero exit, a failed start or health check) after
   * running for {@code ran}.
   */
  Next ended(RestartPolicy policy, boolean failed, Duration ran) {
    if (!ExitPolicy.restarts(policy, failed)) {
      inARow = 0;
      return new Next(ExitPolicy.settledPhase(failed), Optional.empty());
    }
    inARow = ran.compareTo(resetAfter) >= 0 ? 1 : inARow + 1;
    return new Next(ProcessPhase.CrashLoopBackOff, Optional.of(backoff.nominal(inARow)));
  }

  /** A new revision: its first end waits the base again. */
  void reset() {
    inARow = 0;
  }
}
