package io.rollwave.ctl;

import io.rollwave.api.deployment.RolloutPhase;

/**
 * What {@code kubectl rollwave status} says of a view, as {@code kubectl rollout status} would: a
 * complete rollout ends with exit 0, a degraded or aborted one with exit 1, anything else waits.
 * Pure.
 */
public record StatusVerdict(boolean done, int exitCode, String line) {

  public static StatusVerdict of(RolloutView v) {
    String dpd = "dpd \"" + v.name() + "\"";
    if (!v.observed()) {
      return waiting("Waiting for " + dpd + " spec update to be observed...");
    }
    String counts =
        v.counts().updatedAvailable().isPresent()
            ? v.counts().updatedAvailable().getAsInt()
                + " of "
                + v.counts().total()
                + " updated devices are available"
            : v.counts().updated() + " of " + v.counts().total() + " devices are updated";
    String why = v.message().map(m -> ": " + m).orElse("");
    if (v.phase().equals(RolloutPhase.Complete.name())) {
      return new StatusVerdict(
          true,
          0,
          dpd
              + " successfully rolled out"
              + v.update()
                  .map(
                      r ->
                          " (revision "
                              + r.hash()
                              + r.version().map(x -> ", " + x).orElse("")
                              + ")")
                  .orElse(""));
    }
    if (v.phase().equals(RolloutPhase.Degraded.name())) {
      return new StatusVerdict(
          true,
          1,
          "error: "
              + dpd
              + " rollout is Degraded"
              + why
              + "; fix the cause, then run: kubectl rollwave retry "
              + v.name()
              + " -n "
              + v.namespace());
    }
    if (v.phase().equals(RolloutPhase.Aborted.name())) {
      return new StatusVerdict(true, 1, "error: " + dpd + " rollout was aborted" + why);
    }
    if (v.phase().equals(RolloutPhase.Paused.name())) {
      return waiting(
          "Waiting for "
              + dpd
              + " rollout to finish: paused"
              + v.pausedBy().map(p -> " by " + p).orElse("")
              + ", "
              + counts
              + "...");
    }
    return waiting(
        "Waiting for "
            + dpd
            + " rollout to finish: "
            + (v.phase().equals(RolloutPhase.RollingBack.name()) ? "rolling back, " : "")
            + counts
            + "...");
  }

  private static StatusVerdict waiting(String line) {
    return new StatusVerdict(false, 0, line);
  }
}
