package io.rollwave.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevocationPruningTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final Duration LONGEST = Duration.ofDays(30);

  @ParameterizedTest(name = "revoked {0} ago: kept {1}")
  @CsvSource({
    "PT0S,        true",
    "P1D,         true",
    "P30D,        true", // a credential issued just before may still be valid
    "PT720H59M,   true", // 30 days and 59 minutes: inside the clock-skew allowance
    "PT721H,      true", // exactly 30 days + 1 hour: the horizon itself
    "PT721H1S,    false",
    "P365D,       false",
    "-PT1H,       true" // revoked 'in the future' by a server clock ahead of ours
  })
  void keepsAnEntryWhileACredentialItRevokesCanBeUnexpired(Duration age, boolean kept) {
    Map<String, Long> entries = new LinkedHashMap<>();
    entries.put("UKEY", NOW.minus(age).getEpochSecond());
    assertThat(RevocationPruning.kept(entries, NOW, LONGEST).containsKey("UKEY")).isEqualTo(kept);
  }

  @Test
  void dropsOnlyTheExpiredEntriesAndKeepsTheRestInOrder() {
    Map<String, Long> entries = new LinkedHashMap<>();
    entries.put("UOLD", NOW.minus(Duration.ofDays(90)).getEpochSecond());
    entries.put("UNEW", NOW.minus(Duration.ofDays(2)).getEpochSecond());
    entries.put("*", NOW.minus(Duration.ofDays(40)).getEpochSecond());
    entries.put("UNOW", NOW.getEpochSecond());
    assertThat(RevocationPruning.kept(entries, NOW, LONGEST).keySet())
        .containsExactly("UNEW", "UNOW");
  }
}
