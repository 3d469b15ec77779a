package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.operator.reconcile.MembershipPlanner.ExistingProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipPlannerTest {
  private static InventoryDevice sw(String name) {
    return new InventoryDevice("NetworkSwitch", "ns", name, Map.of());
  }

  private static ExistingProcess dp(String name, String device) {
    return new ExistingProcess(name, "NetworkSwitch", device);
  }

  @Test
  void createsOnePerNewDeviceNamedAsTheSeedNamesThem() {
    MembershipPlan plan =
        MembershipPlanner.plan("switch-agent", List.of(sw("tor1-02"), sw("tor1-01")), List.of());
    assertThat(plan.create()).containsOnlyKeys("switch-agent-tor1-01", "switch-agent-tor1-02");
    assertThat(plan.members()).containsOnlyOnce("switch-agent-tor1-01", "switch-agent-tor1-02");
    assertThat(plan.delete()).isEmpty();
  }

  @Test
  void keepsExistingAndDeletesThoseWhoseDeviceNoLongerMatches() {
    MembershipPlan plan =
        MembershipPlanner.plan(
            "agent", List.of(sw("a")), List.of(dp("agent-a", "a"), dp("agent-b", "b")));
    assertThat(plan.create()).isEmpty();
    assertThat(plan.delete()).containsExactly("agent-b");
    assertThat(plan.members()).containsExactly("agent-a");
  }

  @Test
  void aDeviceKeepsItsProcessWhateverItsNameAndASecondOneIsDeleted() {
    MembershipPlan plan =
        MembershipPlanner.plan(
            "agent",
            List.of(sw("a")),
            List.of(dp("agent-a-1234abcd", "a"), dp("agent-a-zzzz", "a")));
    assertThat(plan.create()).isEmpty();
    assertThat(plan.members()).containsExactly("agent-a-1234abcd");
    assertThat(plan.delete()).containsExactly("agent-a-zzzz");
  }

  @Test
  void aNewDeviceOfAnotherKindWithTheSameNameGetsTheKindInItsName() {
    MembershipPlan plan =
        MembershipPlanner.plan(
            "agent",
            List.of(sw("x1"), new InventoryDevice("DPU", "ns", "x1", Map.of())),
            List.of(dp("agent-x1", "x1")));
    assertThat(plan.create()).containsOnlyKeys("agent-dpu-x1");
    assertThat(plan.members()).containsOnly("agent-x1", "agent-dpu-x1");
    assertThat(plan.delete()).isEmpty();
  }

  @Test
  void aNameAnotherDeploymentHoldsIsNotTakenTheDeviceGetsTheHashedOne() {
    // deployment app on device x-sw01 holds app-x-sw01, which app-x wants for sw01
    MembershipPlan plan =
        MembershipPlanner.plan(
            "app-x", List.of(sw("sw01")), List.of(), Set.of("app-x-sw01")::contains);
    String hashed = DeviceProcessNames.hashed("app-x", sw("sw01"));
    assertThat(hashed).matches("app-x-sw01-[0-9a-f]{8}");
    assertThat(plan.create()).containsOnlyKeys(hashed);
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void aDeviceWhoseEveryNameIsTakenIsAConflictNotAMember() {
    String hashed = DeviceProcessNames.hashed("app-x", sw("sw01"));
    MembershipPlan plan =
        MembershipPlanner.plan(
            "app-x", List.of(sw("sw01")), List.of(), Set.of("app-x-sw01", hashed)::contains);
    assertThat(plan.create()).isEmpty();
    assertThat(plan.members()).isEmpty();
    assertThat(plan.conflicts()).extracting(c -> c.device().name()).containsExactly("sw01");
    assertThat(plan.isEmpty()).as("a device left out is work left").isFalse();
  }

  @Test
  void aNameBeingDeletedIsNotReusedForAnotherDevice() {
    // agent-x1 ran on switch x1, which left; DPU x1 arrives: agent-x1 is still being deleted
    MembershipPlan plan =
        MembershipPlanner.plan(
            "agent",
            List.of(new InventoryDevice("DPU", "ns", "x1", Map.of())),
            List.of(dp("agent-x1", "x1")));
    assertThat(plan.delete()).containsExactly("agent-x1");
    assertThat(plan.create()).hasSize(1).doesNotContainKey("agent-x1");
  }

  @Test
  void namesTooLongForKubernetesAreCutAndHashed() {
    String device = "d".repeat(240);
    MembershipPlan plan = MembershipPlanner.plan("a".repeat(63), List.of(sw(device)), List.of());
    String name = plan.create().keySet().iterator().next();
    assertThat(name).hasSizeLessThanOrEqualTo(253).matches("a{63}-d+-[0-9a-f]{8}");
  }

  @Test
  void nothingToDoWhenMembershipMatches() {
    assertThat(
            MembershipPlanner.plan("agent", List.of(sw("a")), List.of(dp("agent-a", "a")))
                .isEmpty())
        .isTrue();
  }

  /**
   * Two deployments whose names and devices are built to collide ({@code app} + {@code x-y} and
   * {@code app-x} + {@code y}), planned in random order against what the other already holds: every
   * device gets a DP, and no name is ever planned twice.
   */
  @Test
  void deploymentsNeverPlanTheSameNameWhateverTheirOrder() {
    Random random = new Random(42);
    String[] tokens = {"a", "b", "x", "a-b", "b-x", "x-a"};
    for (int round = 0; round < 500; round++) {
      Map<String, List<InventoryDevice>> fleets = new HashMap<>();
      for (String deployment : List.of("app", "app-a", "app-b", "app-a-b")) {
        List<InventoryDevice> devices = new ArrayList<>();
        for (String t : tokens) {
          if (random.nextBoolean()) {
            devices.add(sw(t));
          }
        }
        fleets.put(deployment, devices);
      }
      Map<String, String> owner = new HashMap<>();
      List<String> order = new ArrayList<>(fleets.keySet());
      java.util.Collections.shuffle(order, random);
      for (String deployment : order) {
        MembershipPlan plan =
            MembershipPlanner.plan(
                deployment,
                fleets.get(deployment),
                List.of(),
                n -> owner.containsKey(n) && !owner.get(n).equals(deployment));
        assertThat(plan.conflicts()).isEmpty();
        Set<String> devices = new HashSet<>();
        plan.create().forEach((name, device) -> devices.add(device.name()));
        assertThat(devices).hasSize(fleets.get(deployment).size());
        for (String name : plan.create().keySet()) {
          assertThat(owner.put(name, deployment)).as("%s planned twice", name).isNull();
        }
      }
    }
  }
}
