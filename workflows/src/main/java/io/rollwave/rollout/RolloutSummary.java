package io.rollwave.rollout;

/**
 * A run's one-line summary for the Temporal UI: phase, what moves where, counts and the canary
 * step, as in {@code **Progressing**: Rolling switch-agent out to 7c9f in infra: 3/10 updated,
 * ...}.
 */
final class RolloutSummary {
  private RolloutSummary() {}

  /** The line for {@code s}. */
  static String of(RunState s) {
    String what =
        "Rolling "
            + s.input().deployment()
            + (s.rollingBack() ? " back to " : " out to ")
            + s.input().revision();
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
}
