package io.rollwave.operator.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which of an account's revocations still matter. An entry revokes a user key's credentials issued
 * before its time; once the longest credential issued before then has expired (plus an allowance
 * for clock skew between the operator and nats-server), nothing it revokes can still connect, so
 * the entry only makes the account's JWT larger.
 */
final class RevocationPruning {
  static final Duration CLOCK_SKEW = Duration.ofHours(1);

  private RevocationPruning() {}

  /** The entries (user key to epoch second) that may still refuse an unexpired credential. */
  static Map<String, Long> kept(
      Map<String, Long> revocations, Instant now, Duration longestCredential) {
    long horizon = now.minus(longestCredential).minus(CLOCK_SKEW).getEpochSecond();
    Map<String, Long> kept = new LinkedHashMap<>();
    revocations.forEach(
        (key, revokedAt) -> {
          if (revokedAt >= horizon) {
            kept.put(key, revokedAt);
          }
        });
    return kept;
  }
}
