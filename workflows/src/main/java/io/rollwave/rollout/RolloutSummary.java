package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.FailedDevice;
import java.util.stream.Collectors;

/**
 * A run's current details for the Temporal UI, in markdown: a first line with phase, what moves
 * where, counts and the canary step, as in {@code **Progressing**: Rolling switch-agent out to
 * v1.2.4 (revision 7c9f) in infra: 3/10 updated, ...}; then, when paused or failed, who or what
 * holds it and why, and the first failed devices.
 */
final class RolloutSummary {
  /** Failed devices named in the details; the rest are counted. */
  static final int FAILED_SHOWN = 5;

  private RolloutSummary() {}

  /** The details for {@code s}; {@code problem} is why a Degraded rollout stopped (or null). */
  static String of(RunState s, String problem) {
    StringBuilder text = new StringBuilder(headline(s));
    if (s.phase() == RolloutPhase.Paused && s.paused()) {
      text.append("\n\nPaused by ").append(s.progress().pausedBy());
    }
    if (s.phase() == RolloutPhase.Degraded && problem != null) {
      text.append("\n\nDegraded: ").append(problem);
    }
    if (!s.failed().isEmpty()) {
      text.append("\n\nFailed devices: ")
          .append(
              s.failed().stream()
                  .limit(FAILED_SHOWN)
                  .map(FailedDevice::describe)
                  .collect(Collectors.joining(", ")));
      int more = Math.max(s.counts().failed(), s.failed().size()) - FAILED_SHOWN;
      if (more > 0) {
        text.append(" and ").append(more).append(" more");
      }
    }
    return text.toString();
  }

  /** The first line: phase, what moves where, counts and step. */
  static String headline(RunState s) {
    String what =
        "Rolling "
            + s.input().deployment()
            + (s.rollingBack() ? " back to " : " out to ")
            + version(s);
    int steps = s.input().canarySteps().size();
    String at =
        steps == 0 || s.rollingBack()
            ? ""
            : ", step " + Math.min(s.step() + 1, steps) + "/" + steps;
    return "**"
        + s.phase()
        + "**: "
        + what
        + " in "
        + s.input().namespace()
        + ": "
        + s.counts().updated()
        + "/"
        + s.counts().total()
        + " updated, "
        + s.counts().updatedAvailable()
        + " available, "
        + s.counts().failed()
        + " failed"
        + at;
  }

  private static String version(RunState s) {
    String revision = s.input().revision();
    String version = s.input().versionOrRevision();
    return version.equals(revision) ? revision : version + " (revision " + revision + ")";
  }

  /** A duration as people say it in a timer's summary: {@code 30 s}, {@code 10 m}, {@code 2 h}. */
  static String duration(long seconds) {
    if (seconds >= 3600 && seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    if (seconds >= 60 && seconds % 60 == 0) {
      return seconds / 60 + " m";
    }
    return seconds + " s";
  }
}
