package io.rollwave.api.process;

/** When the agent restarts a process that exited, as for a Pod. */
public enum RestartPolicy {
  Always,
  OnFailure,
  Never
}
