package io.rollwave.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.process.RestartPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrashLoopTest {
  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

  /**
   * Each row: the ends of one process in turn ({@code <seconds it ran>/<failed>}) and what follows
   * each ({@code <phase>}, or {@code <phase>/<back-off seconds>} when it restarts).
   */
  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Always    | 0/true 0/true 0/true 0/true 0/true 0/true | CrashLoopBackOff/1 CrashLoopBackOff/2 CrashLoopBackOff/4 CrashLoopBackOff/8 CrashLoopBackOff/8 CrashLoopBackOff/8",
        "Always    | 0/false 1/false 2/false                    | CrashLoopBackOff/1 CrashLoopBackOff/2 CrashLoopBackOff/4",
        "Always    | 0/true 0/true 0/true 600/true 0/true       | CrashLoopBackOff/1 CrashLoopBackOff/2 CrashLoopBackOff/4 CrashLoopBackOff/1 CrashLoopBackOff/2",
        "Always    | 0/true 0/true 599/true                     | CrashLoopBackOff/1 CrashLoopBackOff/2 CrashLoopBackOff/4",
        "OnFailure | 0/true 0/true 0/false                      | CrashLoopBackOff/1 CrashLoopBackOff/2 Succeeded",
        "OnFailure | 5/false                                    | Succeeded",
        "Never     | 0/true                                     | Failed",
        "Never     | 0/false                                    | Succeeded",
      })
  void backsOffDoublingToItsCapAndResetsAfterALongRun(
      RestartPolicy policy, String ends, String expected) {
    CrashLoop loop = new CrashLoop(BACKOFF, Duration.ofMinutes(10));
    List<String> seen = new ArrayList<>();
    for (String end : ends.trim().split("\\s+")) {
      String[] e = end.split("/");
      CrashLoop.Next next =
          loop.ended(policy, Boolean.parseBoolean(e[1]), Duration.ofSeconds(Long.parseLong(e[0])));
      seen.add(
          next.backOff().map(d -> next.phase() + "/" + d.toSeconds()).orElse(next.phase().name()));
    }
    assertThat(seen).containsExactly(expected.trim().split("\\s+"));
  }

  @ParameterizedTest
  @CsvSource({"Always", "OnFailure"})
  void aNewRevisionWaitsTheBaseAgain(RestartPolicy policy) {
    CrashLoop loop = new CrashLoop(BACKOFF, Duration.ofMinutes(10));
    loop.ended(policy, true, Duration.ZERO);
    loop.ended(policy, true, Duration.ZERO);
    loop.reset();
    assertThat(loop.ended(policy, true, Duration.ZERO).backOff()).contains(Duration.ofSeconds(1));
  }
}
