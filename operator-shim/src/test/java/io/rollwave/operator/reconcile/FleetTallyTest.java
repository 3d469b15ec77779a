package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.rollwave.api.Labels;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.rollout.fleet.AgentReport;
import io.rollwave.rollout.fleet.DeviceFacts;
import io.rollwave.rollout.fleet.DevicePolicy;
import io.rollwave.rollout.fleet.FleetModel;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetTallyTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private final FleetTally tally = new FleetTally();
  private final ItemStore<DeviceProcess> store = tally.store();

  /** A DP of {@code deployment} (none when null) set to {@code revision}, with no status yet. */
  private static DeviceProcess dp(String name, String deployment, String revision) {
    Map<String, String> labels = new HashMap<>(Map.of(Labels.REVISION, revision));
    if (deployment != null) {
      labels.put(Labels.DEPLOYMENT, deployment);
    }
    DeviceProcess dp = new DeviceProcess();
    dp.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("fab")
            .withLabels(labels)
            .withManagedFields(new ManagedFieldsEntry())
            .build());
    return dp;
  }

  /** {@code dp} as its agent reports it: {@code phase}, Healthy as given since {@code since}. */
  private static DeviceProcess reporting(
      DeviceProcess dp, ProcessPhase phase, ConditionStatus healthy, String since) {
    dp.setStatus(
        new DeviceProcessStatus(
            phase,
            List.of(new Condition("Healthy", healthy, null, null, since, null)),
            "v2",
            7L,
            null,
            0,
            null,
            io.rollwave.activities.DeviceAvailability.revisionOf(dp),
            1L));
    return dp;
  }

  private static final String READY_AT = "2026-11-23T11:59:40Z";

  /** agent-tor-01 of deployment agent at r1, Running and Healthy since {@code since}. */
  private static DeviceProcess healthySince(String since) {
    return reporting(
        dp("agent-tor-01", "agent", "r1"), ProcessPhase.Running, ConditionStatus.TRUE, since);
  }

  /** {@code seconds} of bake time, no deadline in the way. */
  private static DevicePolicy bake(int seconds) {
    return new DevicePolicy(seconds, Integer.MAX_VALUE);
  }

  private void put(DeviceProcess dp) {
    store.put(store.getKey(dp), dp);
  }

  @Test
  void aStoredDpIsTalliedUnderItsDeploymentAndTheStoreStaysLean() {
    DeviceProcess dp = dp("agent-tor-01", "agent", "r1");
    put(dp);

    assertThat(tally.of("fab", "agent"))
        .containsExactly(
            new DeviceFacts("agent-tor-01", "", "r1", Instant.EPOCH, AgentReport.NONE));
    assertThat(tally.of("fab", "other")).isEmpty();
    assertThat(store.get(store.getKey(dp)).getMetadata().getManagedFields()).isNull();
  }

  @Test
  void anUpdateReplacesTheDevicesEntryWithWhatItsStatusNowSays() {
    put(dp("agent-tor-01", "agent", "r1"));
    put(healthySince(READY_AT));
    put(
        reporting(
            dp("agent-tor-02", "agent", "r1"),
            ProcessPhase.Running,
            ConditionStatus.FALSE,
            "2026-11-23T11:59:50Z"));

    assertThat(tally.of("fab", "agent"))
        .containsExactlyInAnyOrder(
            new DeviceFacts(
                "agent-tor-01",
                "",
                "r1",
                Instant.EPOCH,
                new AgentReport(
                    "r1", ProcessPhase.Running, ConditionStatus.TRUE, Instant.parse(READY_AT))),
            new DeviceFacts(
                "agent-tor-02",
                "",
                "r1",
                Instant.EPOCH,
                new AgentReport("r1", ProcessPhase.Running, ConditionStatus.FALSE, null)));
  }

  @Test
  void readyCountsAsAvailableOnlyOnceItHasBakedForMinReadySeconds() {
    put(healthySince(READY_AT));
    DeviceFacts device = tally.of("fab", "agent").get(0);

    assertThat(FleetModel.of(device, bake(0), NOW).available()).isTrue();
    assertThat(FleetModel.of(device, bake(20), NOW).available()).as("ready exactly 20 s").isTrue();
    assertThat(FleetModel.of(device, bake(30), NOW).available()).as("ready 20 s of 30").isFalse();
    assertThat(ProcessView.of(FleetModel.of(device, bake(30), NOW)))
        .isEqualTo(new ProcessView("agent-tor-01", "r1", true, false));
  }

  @Test
  void aDpRelabelledToAnotherDeploymentMovesWithIt() {
    put(dp("agent-tor-01", "agent", "r1"));
    put(dp("agent-tor-01", "agent-canary", "r1"));

    assertThat(tally.of("fab", "agent")).isEmpty();
    assertThat(tally.of("fab", "agent-canary"))
        .extracting(DeviceFacts::name)
        .containsExactly("agent-tor-01");

    put(dp("agent-tor-01", null, "r1"));
    assertThat(tally.of("fab", "agent-canary")).as("owned by no deployment now").isEmpty();
  }

  @Test
  void aRemovedDpLeavesTheTally() {
    DeviceProcess one = dp("agent-tor-01", "agent", "r1");
    put(one);
    put(dp("agent-tor-02", "agent", "r1"));

    assertThat(tally.size("fab", "agent")).isEqualTo(2);
    assertThat(store.remove(store.getKey(one))).isNotNull();
    assertThat(tally.size("fab", "agent")).isEqualTo(1);
    assertThat(tally.of("fab", "agent"))
        .extracting(DeviceFacts::name)
        .containsExactly("agent-tor-02");
    assertThat(store.remove(store.getKey(one))).as("already gone").isNull();
    store.remove("fab/agent-tor-02");
    assertThat(tally.of("fab", "agent")).isEmpty();
    assertThat(tally.size("fab", "agent")).isZero();
  }
}
