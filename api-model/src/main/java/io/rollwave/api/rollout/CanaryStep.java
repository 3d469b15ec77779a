package io.rollwave.api.rollout;

/**
 * One of {@code spec.updateStrategy.rollingUpdate.steps} as the workflow reads it: a batch (move up
 * to {@code batch} devices, N or P% of the fleet) or a pause ({@code pauseSeconds} long, or open
 * until resumed or promoted when {@code pauseSeconds} is null).
 */
public record CanaryStep(String batch, Boolean pause, Integer pauseSeconds) {

  public static CanaryStep batch(String batch) {
    return new CanaryStep(batch, null, null);
  }

  public static CanaryStep timedPause(int seconds) {
    return new CanaryStep(null, true, seconds);
  }

  public static CanaryStep openPause() {
    return new CanaryStep(null, true, null);
  }

  public boolean pauses() {
    return Boolean.TRUE.equals(pause);
  }

  public boolean openEnded() {
    return pauses() && pauseSeconds == null;
  }

  public String describe() {
    if (!pauses()) {
      return "batch " + batch;
    }
    return openEnded() ? "pause until resumed" : "pause " + pauseSeconds + "s";
  }
}
