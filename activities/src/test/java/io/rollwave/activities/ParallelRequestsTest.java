package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelRequestsTest {
  private static final List<Integer> ITEMS = IntStream.range(0, 200).boxed().toList();

  @Test
  void sendsEveryItemAndReportsProgressOnTheCallersThread() {
    Set<Integer> sent = ConcurrentHashMap.newKeySet();
    List<Integer> progress = new ArrayList<>();
    Thread caller = Thread.currentThread();
    try (ParallelRequests requests = new ParallelRequests("t", 4)) {
      requests.forEach(
          ITEMS,
          sent::add,
          50,
          n -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            progress.add(n);
          });
    }
    assertThat(sent).hasSize(200);
    assertThat(progress).containsExactly(50, 100, 150, 200);
  }

  @Test
  void theFirstFailureIsThrownOnlyAfterEveryRequestEnded() {
    Set<Integer> sent = ConcurrentHashMap.newKeySet();
    try (ParallelRequests requests = new ParallelRequests("t", 4)) {
      assertThatThrownBy(
              () ->
                  requests.forEach(
                      ITEMS,
                      i -> {
                        if (i == 3) {
                          throw new IllegalStateException("refused");
                        }
                        sent.add(i);
                      },
                      1000,
                      n -> {}))
          .hasMessage("refused");
    }
    assertThat(sent).hasSize(199);
  }

  @Test
  void aCallerThatGivesUpLeavesNothingRunningAfterItsFailure() {
    Set<Integer> running = ConcurrentHashMap.newKeySet();
    Set<Integer> afterwards = ConcurrentHashMap.newKeySet();
    try (ParallelRequests requests = new ParallelRequests("t", 2)) {
      assertThatThrownBy(
              () ->
                  requests.forEach(
                      ITEMS,
                      i -> {
                        running.add(i);
                        sleep(2);
                        running.remove(i);
                      },
                      10,
                      n -> {
                        throw new IllegalStateException("activity cancelled");
                      }))
          .hasMessage("activity cancelled");
      afterwards.addAll(running);
    }
    assertThat(afterwards).isEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
