package io.rollwave.agent.backend.container;

/**
 * A container as {@code inspect -f '{{.State.Pid}} {{.State.Running}} {{.State.ExitCode}}'} tells
 * it: the host pid of its main process (0 once it ended), whether it runs, its last exit code.
 */
record ContainerState(long pid, boolean running, int exitCode) {
  static final String FORMAT = "{{.State.Pid}} {{.State.Running}} {{.State.ExitCode}}";

  /** Parses the inspect output; anything else is an error naming what it got. */
  static ContainerState parse(String output) {
    String[] words = output.strip().split("\\s+");
    if (words.length != 3 || !(words[1].equals("true") || words[1].equals("false"))) {
      throw new IllegalArgumentException("unexpected inspect output '" + output.strip() + "'");
    }
    try {
      return new ContainerState(
          Long.parseLong(words[0]), Boolean.parseBoolean(words[1]), Integer.parseInt(words[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unexpected inspect output '" + output.strip() + "'", e);
    }
  }
}
