package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PatchAdmissionTest {
  /** A clock that moves only when the admission sleeps. */
  private long now;

  private PatchAdmission admission(ReportBacklog backlog, int limit, Duration maxWait) {
    return new PatchAdmission(backlog, limit, maxWait, () -> now, d -> now += d.toNanos());
  }

  @Test
  void aPatchGoesAtOnceWhileFewerReportsThanTheLimitWait() {
    AtomicInteger asked = new AtomicInteger();
    PatchAdmission admission =
        admission(
            () -> {
              asked.incrementAndGet();
              return 31;
            },
            32,
            Duration.ofSeconds(2));

    assertThat(admission.awaitRoom()).isZero();
    assertThat(asked).hasValue(1);
    assertThat(now).isZero();
  }

  @Test
  void aPatchWaitsUntilTheBacklogFallsBelowTheLimit() {
    ArrayDeque<Integer> backlog = new ArrayDeque<>(List.of(40, 35, 32, 32, 31));
    PatchAdmission admission = admission(backlog::remove, 32, Duration.ofSeconds(2));

    long held = admission.awaitRoom();

    assertThat(backlog).isEmpty();
    assertThat(held)
        .as("a sleep after each of 35, 32 and 32")
        .isEqualTo(3 * PatchAdmission.POLL.toNanos());
  }

  @Test
  void aBacklogThatNeverDrainsHoldsAPatchNoLongerThanTheMaximumWait() {
    PatchAdmission admission = admission(() -> 1_000, 32, Duration.ofMillis(100));

    long held = admission.awaitRoom();

    assertThat(held).isEqualTo(Duration.ofMillis(100).toNanos());
  }

  @Test
  void tellsOfEachHeldPatchAndOfNoneAdmittedAtOnce() {
    ArrayDeque<Integer> backlog = new ArrayDeque<>(List.of(0, 40, 40, 31));
    List<Long> holds = new ArrayList<>();
    PatchAdmission admission =
        admission(backlog::remove, 32, Duration.ofSeconds(2)).reportingHolds(holds::add);

    admission.awaitRoom();
    admission.awaitRoom();

    assertThat(holds).containsExactly(PatchAdmission.POLL.toNanos());
  }

  @Test
  void alwaysAdmitsWithoutWaiting() {
    assertThat(PatchAdmission.ALWAYS.awaitRoom()).isZero();
  }

  @Test
  void anInterruptedWaitSendsNothingAndKeepsTheInterrupt() {
    PatchAdmission admission =
        new PatchAdmission(
            () -> 100,
            32,
            Duration.ofSeconds(2),
            System::nanoTime,
            d -> {
              throw new InterruptedException();
            });

    assertThatThrownBy(admission::awaitRoom)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new PatchAdmission(() -> 0, 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
