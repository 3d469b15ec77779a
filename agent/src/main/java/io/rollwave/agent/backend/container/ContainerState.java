package io.rollwave.agent.backend.container;

/**
 * A container as {@code inspect -f '{{.State.Pid}} {{.State.Running}} {{.State.ExitCode}} {{index
 * .Config.Labels "io.rollwave.run"}}'} tells it: the host pid of its main process (0 once it
 * ended), whether it runs, its last exit code, and the digest of the run line it was created with
 * ("" if the agent did not create it).
 */
record ContainerState(long pid, boolean running, int exitCode, String runDigest) {
  static final String RUN_LABEL = "io.rollwave.run";
  static final String FORMAT =
      "{{.State.Pid}} {{.State.Running}} {{.State.ExitCode}} {{index .Config.Labels \""
          + RUN_LABEL
          + "\"}}";

  /** Parses the inspect output; anything else is an error naming what it got. */
  static ContainerState parse(String output) {
    String[] words = output.strip().split("\\s+");
    if (words.length < 3
        || words.length > 4
        || !(words[1].equals("true") || words[1].equals("false"))) {
      throw new IllegalArgumentException("unexpected inspect output '" + output.strip() + "'");
    }
    try {
      return new ContainerState(
          Long.parseLong(words[0]),
          Boolean.parseBoolean(words[1]),
          Integer.parseInt(words[2]),
          words.length == 4 ? words[3] : "");
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unexpected inspect output '" + output.strip() + "'", e);
    }
  }
}
