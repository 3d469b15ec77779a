package io.rollwave.activities;

import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Holds a rollout's next spec patch back while agents' reports wait to be written: the devices'
 * status goes first, so what a health gate counts and what a user sees stays close to what the
 * devices said, and a batch of a thousand patches cannot queue a thousand reports behind it. A
 * backlog that does not shrink below the limit within {@code maxWait} (a stuck bridge) holds each
 * patch no longer than that.
 */
public final class PatchAdmission {
  /** Admits every patch at once. */
  public static final PatchAdmission ALWAYS =
      new PatchAdmission(ReportBacklog.NONE, Integer.MAX_VALUE, Duration.ZERO);

  static final Duration POLL = Duration.ofMillis(5);

  /** Sleeps; a test's advances its clock instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final ReportBacklog backlog;
  private final int limit;
  private final long maxWaitNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final LongConsumer held;

  /** Admits a patch once fewer than {@code limit} reports wait, or after {@code maxWait}. */
  public PatchAdmission(ReportBacklog backlog, int limit, Duration maxWait) {
    this(backlog, limit, maxWait, System::nanoTime, d -> Thread.sleep(d.toMillis()));
  }

  PatchAdmission(
      ReportBacklog backlog, int limit, Duration maxWait, LongSupplier nanoTime, Sleeper sleeper) {
    this(backlog, limit, maxWait.toNanos(), nanoTime, sleeper, nanos -> {});
  }

  private PatchAdmission(
      ReportBacklog backlog,
      int limit,
      long maxWaitNanos,
      LongSupplier nanoTime,
      Sleeper sleeper,
      LongConsumer held) {
    if (limit < 1) {
      throw new IllegalArgumentException("report backlog limit must be at least 1, got " + limit);
    }
    this.backlog = backlog;
    this.limit = limit;
    this.maxWaitNanos = maxWaitNanos;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.held = held;
  }

  /** This admission, also telling {@code held} of each patch it held back, in nanoseconds. */
  public PatchAdmission reportingHolds(LongConsumer held) {
    return new PatchAdmission(backlog, limit, maxWaitNanos, nanoTime, sleeper, held);
  }

  /**
   * Returns once fewer than the limit of reports wait, or {@code maxWait} after it was called;
   * returns how long it held the caller, in nanoseconds.
   */
  public long awaitRoom() {
    if (backlog.waiting() < limit) {
      return 0;
    }
    long start = nanoTime.getAsLong();
    long waited = 0;
    while (waited < maxWaitNanos && backlog.waiting() >= limit) {
      try {
        sleeper.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while status writes were behind", e);
      }
      waited = nanoTime.getAsLong() - start;
    }
    held.accept(waited);
    return waited;
  }
}
