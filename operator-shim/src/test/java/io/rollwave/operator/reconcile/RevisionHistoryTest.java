package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.operator.reconcile.RevisionHistory.Stored;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevisionHistoryTest {
  private static final List<Stored> FIVE =
      List.of(
          new Stored("agent-r1", 1, "r1"),
          new Stored("agent-r2", 2, "r2"),
          new Stored("agent-r3", 3, "r3"),
          new Stored("agent-r4", 4, "r4"),
          new Stored("agent-r5", 5, "r5"));

  @Test
  void keepsTheLiveRevisionsAndTheNewestOthersUpToTheLimit() {
    assertThat(RevisionHistory.prunable(FIVE, 2, Set.of("r5", "r1")))
        .as("r5 rolling out and r1 the stable one stay; of r2..r4 the newest two stay")
        .containsExactly("agent-r2");
  }

  @Test
  void aLimitOfZeroKeepsOnlyTheLiveOnes() {
    assertThat(RevisionHistory.prunable(FIVE, 0, Set.of("r5")))
        .containsExactly("agent-r1", "agent-r2", "agent-r3", "agent-r4");
  }

  @Test
  void nothingToPruneWithinTheLimit() {
    assertThat(RevisionHistory.prunable(FIVE, 10, Set.of("r5"))).isEmpty();
  }
}
