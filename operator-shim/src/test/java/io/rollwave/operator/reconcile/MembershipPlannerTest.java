package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.operator.reconcile.MembershipPlanner.ExistingProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipPlannerTest {
  private static InventoryDevice sw(String name) {
    return new InventoryDevice("NetworkSwitch", "ns", name, Map.of());
  }

  @Test
  void createsOnePerNewDeviceNamedAsTheSeedNamesThem() {
    MembershipPlan plan =
        MembershipPlanner.plan("switch-agent", List.of(sw("tor1-02"), sw("tor1-01")), List.of());
    assertThat(plan.create()).containsOnlyKeys("switch-agent-tor1-01", "switch-agent-tor1-02");
    assertThat(plan.delete()).isEmpty();
  }

  @Test
  void keepsExistingAndDeletesThoseWhoseDeviceNoLongerMatches() {
    MembershipPlan plan =
        MembershipPlanner.plan(
            "agent",
            List.of(sw("a")),
            List.of(
                new ExistingProcess("agent-a", "NetworkSwitch", "a"),
                new ExistingProcess("agent-b", "NetworkSwitch", "b")));
    assertThat(plan.create()).isEmpty();
    assertThat(plan.delete()).containsExactly("agent-b");
  }

  @Test
  void devicesOfTwoKindsWithOneNameGetTheKindInTheirName() {
    MembershipPlan plan =
        MembershipPlanner.plan(
            "agent",
            List.of(sw("x1"), new InventoryDevice("DPU", "ns", "x1", Map.of())),
            List.of(new ExistingProcess("agent-x1", "NetworkSwitch", "x1")));
    assertThat(plan.create()).containsOnlyKeys("agent-dpu-x1", "agent-networkswitch-x1");
    assertThat(plan.delete()).containsExactly("agent-x1");
  }

  @Test
  void nothingToDoWhenMembershipMatches() {
    assertThat(
            MembershipPlanner.plan(
                    "agent",
                    List.of(sw("a")),
                    List.of(new ExistingProcess("agent-a", "NetworkSwitch", "a")))
                .isEmpty())
        .isTrue();
  }
}
