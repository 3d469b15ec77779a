package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rollwave.api.Labels;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.inventory.NetworkSwitch;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettledMembershipsTest {
  private static final LabelSelector SWITCHES =
      new LabelSelectorBuilder().addToMatchLabels("type", "switch").build();
  private static final MembershipPlan NOTHING_TO_DO =
      new MembershipPlan(Map.of(), List.of(), Set.of("agent-a", "agent-b"), List.of());

  private final SettledMemberships settled = new SettledMemberships();

  @Test
  void aCompleteMembershipIsReusedWhileNothingMembershipRelatedChanged() {
    settled.computed("ns/agent", 7, SWITCHES, 10_000, NOTHING_TO_DO);

    assertThat(settled.of("ns/agent", 7, SWITCHES))
        .hasValue(new SettledMemberships.Settled(10_000, Set.of("agent-a", "agent-b")));
    assertThat(settled.of("ns/other", 7, SWITCHES)).isEmpty();
  }

  @Test
  void aNewerVersionOrAnotherSelectorMeansComputingAgain() {
    settled.computed("ns/agent", 7, SWITCHES, 10_000, NOTHING_TO_DO);

    assertThat(settled.of("ns/agent", 8, SWITCHES)).isEmpty();
    assertThat(
            settled.of(
                "ns/agent", 7, new LabelSelectorBuilder().addToMatchLabels("type", "dpu").build()))
        .isEmpty();
  }

  @Test
  void aMembershipWithWorkLeftIsNeverReused() {
    settled.computed("ns/agent", 7, SWITCHES, 10_000, NOTHING_TO_DO);
    settled.computed(
        "ns/agent",
        7,
        SWITCHES,
        10_001,
        new MembershipPlan(
            Map.of("agent-new", new InventoryDevice("NetworkSwitch", "ns", "new", Map.of())),
            List.of(),
            Set.of("agent-new"),
            List.of()));

    assertThat(settled.of("ns/agent", 7, SWITCHES)).isEmpty();

    settled.computed(
        "ns/agent",
        7,
        SWITCHES,
        9_999,
        new MembershipPlan(Map.of(), List.of("x"), Set.of(), List.of()));
    assertThat(settled.of("ns/agent", 7, SWITCHES)).isEmpty();

    settled.computed(
        "ns/agent",
        7,
        SWITCHES,
        1,
        new MembershipPlan(
            Map.of(),
            List.of(),
            Set.of(),
            List.of(
                new MembershipPlan.NameConflict(
                    new InventoryDevice("NetworkSwitch", "ns", "sw01", Map.of()), "agent-sw01"))));
    assertThat(settled.of("ns/agent", 7, SWITCHES)).as("a device left out").isEmpty();
  }

  @Test
  void onlyLabelChangesOfADeviceCount() {
    NetworkSwitch before = device(Map.of("type", "switch"), "1");
    assertThat(MembershipChanges.relabelled(before, device(Map.of("type", "switch"), "2")))
        .isFalse();
    assertThat(MembershipChanges.relabelled(before, device(Map.of("type", "dpu"), "2"))).isTrue();
    assertThat(MembershipChanges.relabelled(before, device(null, "2"))).isTrue();
  }

  @Test
  void aProcessCountsWhenItsDeploymentOrDeviceChangesNotItsStatus() {
    DeviceProcess dp = process("agent", "tor1");
    assertThat(MembershipChanges.reassigned(dp, process("agent", "tor1"))).isFalse();
    assertThat(MembershipChanges.reassigned(dp, process("other", "tor1"))).isTrue();
    assertThat(MembershipChanges.reassigned(dp, process("agent", "tor2"))).isTrue();
  }

  @Test
  void theVersionOnlyGrows() {
    MembershipChanges changes = new MembershipChanges();
    long before = changes.current();
    changes.changed();
    assertThat(changes.current()).isGreaterThan(before);
  }

  private static NetworkSwitch device(Map<String, String> labels, String resourceVersion) {
    NetworkSwitch device = new NetworkSwitch();
    device.setMetadata(
        new ObjectMetaBuilder()
            .withName("tor1")
            .withLabels(labels)
            .withResourceVersion(resourceVersion)
            .build());
    return device;
  }

  private static DeviceProcess process(String deployment, String device) {
    DeviceProcess dp = new DeviceProcess();
    dp.setMetadata(
        new ObjectMetaBuilder()
            .withName(deployment + "-" + device)
            .withLabels(Map.of(Labels.DEPLOYMENT, deployment))
            .build());
    dp.setSpec(
        new DeviceProcessSpec(
            new DeviceRef("NetworkSwitch", device, null), null, null, null, null));
    return dp;
  }
}
