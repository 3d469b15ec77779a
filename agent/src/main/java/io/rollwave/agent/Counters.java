package io.rollwave.agent;

import io.rollwave.api.nats.AgentCounters;
import java.util.concurrent.atomic.LongAdder;

/** What this agent has counted since it started; every process's supervisor adds to it. */
final class Counters {
  private final LongAdder processRestarts = new LongAdder();
  private final LongAdder artifactFetchFailures = new LongAdder();
  private final LongAdder healthCheckFailures = new LongAdder();

  void processRestarted() {
    processRestarts.increment();
  }

  void artifactFetchFailed() {
    artifactFetchFailures.increment();
  }

  void healthCheckFailed() {
    healthCheckFailures.increment();
  }

  AgentCounters snapshot() {
    return new AgentCounters(
        processRestarts.sum(), artifactFetchFailures.sum(), healthCheckFailures.sum());
  }
}
