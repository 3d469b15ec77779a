package io.rollwave.operator.observe;

import java.time.Duration;

/** The histogram buckets of Rollwave's latencies: from a few milliseconds to a minute. */
final class Buckets {
  private Buckets() {}

  static final Duration[] SECONDS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };
}
