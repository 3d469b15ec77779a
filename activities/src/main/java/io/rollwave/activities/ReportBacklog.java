package io.rollwave.activities;

/** How many agents' reports wait to be written to the API server. */
@FunctionalInterface
public interface ReportBacklog {
  /** Nothing ever waits: for a mover without a status bridge beside it. */
  ReportBacklog NONE = () -> 0;

  int waiting();
}
