package io.rollwave.rollout;

import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The rollout's wait for news: a signal that something changed, or the poll interval passing
 * without one. One poll timer stays pending across the waits of a run: {@code Workflow.await} with
 * a timeout leaves its timer running after the condition is met, so every wait used to add a
 * TimerStarted, and 30 s later a TimerFired and a workflow task, to the history (a fifth of a
 * 10,000-device rollout's events). Runs recorded before the change keep waiting as they did.
 */
final class PollWait {
  /** Without a status signal, look at the fleet again after this long. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(30);

  static final String SINGLE_POLL_TIMER = "single-poll-timer";

  /** The pending poll timer, shared by every wait of this run. */
  private Promise<Void> pollTimer;

  /** Returns once {@code news} holds or the poll interval for {@code bakeSeconds} has passed. */
  void await(int bakeSeconds, Functions.Func<Boolean> news) {
    Duration interval = interval(bakeSeconds);
    if (Workflow.getVersion(SINGLE_POLL_TIMER, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      Workflow.await(interval, news::apply);
      return;
    }
    if (pollTimer == null || pollTimer.isCompleted()) {
      pollTimer =
          Workflow.newTimer(
              interval, TimerOptions.newBuilder().setSummary(summary(bakeSeconds)).build());
    }
    Promise<Void> timer = pollTimer;
    Workflow.await(() -> timer.isCompleted() || news.apply());
  }

  /** The poll timer's summary in the Temporal UI: {@code bake 30 s: look again in 15 s}. */
  static String summary(int bakeSeconds) {
    String look =
        "look at the fleet again in " + RolloutSummary.duration(interval(bakeSeconds).toSeconds());
    return bakeSeconds > 0 ? "bake " + RolloutSummary.duration(bakeSeconds) + ": " + look : look;
  }

  /**
   * Devices baking for minReadySeconds turn available by time alone, with no status change to
   * signal it: with a bake time, look at the fleet at least twice per bake.
   */
  static Duration interval(int bakeSeconds) {
    Duration half = Duration.ofSeconds(Math.max(1, bakeSeconds / 2));
    return bakeSeconds <= 0 || half.compareTo(POLL_INTERVAL) >= 0 ? POLL_INTERVAL : half;
  }
}
