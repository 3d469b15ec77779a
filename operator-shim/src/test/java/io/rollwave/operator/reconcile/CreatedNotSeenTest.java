package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.operator.reconcile.MembershipPlanner.ExistingProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreatedNotSeenTest {
  private static final ExistingProcess TOR_01 =
      new ExistingProcess("agent-tor-01", "NetworkSwitch", "tor-01");
  private static final ExistingProcess TOR_02 =
      new ExistingProcess("agent-tor-02", "NetworkSwitch", "tor-02");
  private static final long MINUTE = 60_000_000_000L;

  private final CreatedNotSeen unseen = new CreatedNotSeen();

  @Test
  void aCreatedProcessCountsAsExistingUntilTheCacheShowsIt() {
    unseen.created("fab/agent", TOR_02, 0);

    assertThat(unseen.withUnseen("fab/agent", List.of(TOR_01), MINUTE))
        .containsExactly(TOR_01, TOR_02);
    assertThat(unseen.withUnseen("fab/other", List.of(TOR_01), MINUTE))
        .as("another deployment's creates are not this one's")
        .containsExactly(TOR_01);

    assertThat(unseen.withUnseen("fab/agent", List.of(TOR_01, TOR_02), 2 * MINUTE))
        .containsExactly(TOR_01, TOR_02);
    assertThat(unseen.withUnseen("fab/agent", List.of(TOR_01), 3 * MINUTE))
        .as("seen once, then gone from the cache: deleted since, so planned again")
        .containsExactly(TOR_01);
  }

  @Test
  void oneTheCacheNeverShowsIsForgottenAfterAWhile() {
    unseen.created("fab/agent", TOR_02, 0);

    assertThat(unseen.withUnseen("fab/agent", List.of(), 9 * MINUTE)).containsExactly(TOR_02);
    assertThat(unseen.withUnseen("fab/agent", List.of(), 11 * MINUTE)).isEmpty();
  }

  @Test
  void theMembershipPlanCreatesNothingTwice() {
    unseen.created("fab/agent", TOR_02, 0);
    List<InventoryDevice> devices =
        List.of(
            new InventoryDevice("NetworkSwitch", "fab", "tor-01", java.util.Map.of()),
            new InventoryDevice("NetworkSwitch", "fab", "tor-02", java.util.Map.of()));

    MembershipPlan plan =
        MembershipPlanner.plan(
            "agent", devices, unseen.withUnseen("fab/agent", List.of(TOR_01), 1));

    assertThat(plan.isEmpty()).isTrue();
  }
}
