package io.rollwave.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter: base doubling per attempt up to a cap, then ±20 % at random.
 */
public record Backoff(Duration base, Duration cap) {

  /** The delay before retry number {@code attempt} (1 for the first retry), without jitter. */
  public Duration nominal(int attempt) {
    long millis = base.toMillis();
    for (int i = 1; i < attempt && millis < cap.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, cap.toMillis()));
  }

  public Duration withJitter(int attempt, RandomGenerator random) {
    return jittered(nominal(attempt), random);
  }

  /** {@code nominal} ±20 % at random. */
  public static Duration jittered(Duration nominal, RandomGenerator random) {
    long millis = nominal.toMillis();
    long jitter = (long) (millis * 0.2 * (random.nextDouble() * 2 - 1));
    return Duration.ofMillis(Math.max(0, millis + jitter));
  }
}
