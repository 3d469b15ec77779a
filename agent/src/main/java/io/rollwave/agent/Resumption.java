package io.rollwave.agent;

import io.rollwave.api.process.RestartPolicy;

/**
 * What a restarted agent does with the process its state file names, on the first desired entry it
 * sees for that DeviceProcess. Pure.
 */
enum Resumption {
  /** Nothing to carry over: start the desired spec afresh, restart count 0. */
  START,
  /** Still running the desired spec: keep it, with its pid, start time and restart count. */
  ADOPT,
  /** Still running, but another spec: stop it, then start the desired one (never two). */
  REPLACE,
  /**
   * Ended while the agent was down, desired spec unchanged, and the policy restarts an end whose
   * exit code is unknown: start it again, counting a restart on top of the saved count.
   */
  RESTART,
  /** Ended while the agent was down and {@code restartPolicy: Never}: settle in Failed. */
  SETTLE;

  /**
   * @param alive the saved pid still runs and is the process started then (same OS start time)
   * @param sameSpec it was started for the desired revision, generation and spec digest
   * @param artifactCached its verified artifact is still in the cache (needed to adopt it)
   */
  static Resumption decide(
      boolean alive, boolean sameSpec, boolean artifactCached, RestartPolicy policy) {
    if (alive) {
      return sameSpec && artifactCached ? ADOPT : REPLACE;
    }
    if (!sameSpec) {
      return START;
    }
    // the exit code of a process that ended unobserved is unknown: counted as a failure
    return ExitPolicy.restarts(policy, true) ? RESTART : SETTLE;
  }
}
