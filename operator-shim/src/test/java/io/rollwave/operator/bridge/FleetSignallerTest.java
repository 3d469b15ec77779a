package io.rollwave.operator.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rollwave.api.Labels;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.operator.reconcile.FleetTally;
import io.rollwave.rollout.fleet.DevicePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FleetSignallerTest {
  private static final long TICK_MILLIS = 5;

  private final FleetTally tally = new FleetTally();
  private final List<String> signalled = new CopyOnWriteArrayList<>();
  private final Map<String, FleetCounts> counts = new ConcurrentHashMap<>();
  private FleetSignaller signaller;

  private static RolloutTarget at(String revision) {
    return new RolloutTarget(revision, DevicePolicy.DEFAULT);
  }

  @AfterEach
  void close() {
    signaller.close();
  }

  private DeviceProcess dp(String deployment, String name, String revision) {
    DeviceProcess dp = new DeviceProcess();
    dp.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("fab")
            .withName(name)
            .withLabels(Map.of(Labels.DEPLOYMENT, deployment, Labels.REVISION, revision))
            .build());
    tally.store().put("fab/" + name, dp);
    return dp;
  }

  @Test
  void aSlowSignalHoldsUpNeitherOtherDeploymentsNorASecondSignalOfItsOwn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slowInFlight = new AtomicInteger();
    AtomicInteger slowMostAtOnce = new AtomicInteger();
    signaller =
        new FleetSignaller(
            tally,
            (ns, name) -> at("rev2"),
            (ns, deployment, fleet) -> {
              if (deployment.equals("slow")) {
                slowMostAtOnce.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
                try {
                  release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  slowInFlight.decrementAndGet();
                }
              }
              signalled.add(deployment);
              counts.put(deployment, fleet);
            },
            TICK_MILLIS);
    DeviceProcess slow = dp("slow", "slow-tor-01", "rev2");
    signaller.onAdd(slow);
    await().atMost(Duration.ofSeconds(10)).until(() -> slowInFlight.get() == 1);

    DeviceProcess quick1 = dp("quick", "quick-tor-01", "rev1");
    DeviceProcess quick2 = dp("quick", "quick-tor-02", "rev2");
    signaller.onAdd(quick1);
    signaller.onAdd(quick2);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(signalled).as("while slow's signal hangs").contains("quick"));
    assertThat(counts.get("quick").total()).isEqualTo(2);
    assertThat(counts.get("quick").updated()).as("counted against the cached revision").isOne();

    signaller.onAdd(dp("slow", "slow-tor-02", "rev2")); // slow changes again while out
    long quickSoFar = signalled.stream().filter("quick"::equals).count();
    signaller.onAdd(dp("quick", "quick-tor-03", "rev2"));
    await("a round of signals after slow changed again")
        .atMost(Duration.ofSeconds(10))
        .until(() -> signalled.stream().filter("quick"::equals).count() > quickSoFar);
    assertThat(slowMostAtOnce.get()).as("slow is not signalled again while out").isOne();
    release.countDown();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(signalled.stream().filter("slow"::equals))
                    .as("the change during the signal is signalled after it")
                    .hasSize(2));
    assertThat(slowMostAtOnce.get()).as("never two signals of one deployment at once").isOne();
  }

  @Test
  void aDeploymentWithNoUpdateRevisionIsNotSignalledAndAFailedSignalIsRetried() {
    AtomicInteger attempts = new AtomicInteger();
    signaller =
        new FleetSignaller(
            tally,
            (ns, name) -> name.equals("unrolled") ? null : at("rev1"),
            (ns, deployment, fleet) -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("temporal unavailable");
              }
              signalled.add(deployment);
            },
            TICK_MILLIS);
    signaller.onAdd(dp("unrolled", "unrolled-tor-01", "rev1"));
    signaller.onAdd(dp("rolling", "rolling-tor-01", "rev1"));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(signalled).containsExactly("rolling"));
    assertThat(attempts.get()).as("the first attempt failed, the second went out").isEqualTo(2);
  }

  @Test
  void aChangeThatLeavesTheCountsAsTheRolloutWasToldIsNotSignalled() {
    signaller =
        new FleetSignaller(
            tally,
            (ns, name) -> at("rev2"),
            (ns, deployment, fleet) -> {
              signalled.add(deployment);
              counts.put(deployment + signalled.size(), fleet);
            },
            TICK_MILLIS);
    signaller.onAdd(dp("agent", "agent-tor-01", "rev1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> signalled.size() == 1);

    signaller.changed("fab", "agent"); // nothing the counts show
    signaller.onAdd(dp("other", "other-tor-01", "rev1"));
    await("a round of signals after the change")
        .atMost(Duration.ofSeconds(10))
        .until(() -> signalled.contains("other"));
    assertThat(signalled).as("agent's counts did not change").containsOnlyOnce("agent");

    signaller.onAdd(dp("agent", "agent-tor-02", "rev2"));
    await().atMost(Duration.ofSeconds(10)).until(() -> signalled.size() == 3);
    assertThat(counts.get("agent3").total()).isEqualTo(2);
  }

  @Test
  void aDeploymentDeletedAndCreatedAgainIsToldItsCountsEvenWhenTheyAreTheSame() {
    Map<String, String> revisions = new ConcurrentHashMap<>(Map.of("agent", "rev2"));
    AtomicInteger askedWhileGone = new AtomicInteger();
    signaller =
        new FleetSignaller(
            tally,
            (ns, name) -> {
              String revision = revisions.get(name);
              if (revision == null) {
                askedWhileGone.incrementAndGet();
              }
              return revision == null ? null : at(revision);
            },
            (ns, deployment, fleet) -> signalled.add(deployment),
            TICK_MILLIS);
    DeviceProcess tor1 = dp("agent", "agent-tor-01", "rev2");
    signaller.onAdd(tor1);
    await().atMost(Duration.ofSeconds(10)).until(() -> signalled.size() == 1);

    revisions.remove("agent"); // the deployment is deleted; its DP's deletion is seen
    signaller.onDelete(tor1, false);
    await().atMost(Duration.ofSeconds(10)).until(() -> askedWhileGone.get() > 0);
    revisions.put("agent", "rev2"); // created again: same template, same device, same counts
    signaller.onAdd(tor1);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(signalled.stream().filter("agent"::equals))
                    .as("its new rollout hears the counts")
                    .hasSize(2));
  }

  @Test
  void aBakingDeviceIsSignalledAvailableOnceItsBakeTimeHasPassedWithNoNewEvent() {
    Instant readyAt = Instant.parse("2026-12-07T12:00:00Z");
    AtomicReference<Instant> now = new AtomicReference<>(readyAt.plusSeconds(5));
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    signaller =
        new FleetSignaller(
            tally,
            (ns, name) -> new RolloutTarget("rev2", new DevicePolicy(30, 600)),
            (ns, deployment, fleet) -> counts.put(deployment + counts.size(), fleet),
            TICK_MILLIS,
            clock);
    DeviceProcess dp = dp("agent", "agent-tor-01", "rev2");
    dp.getMetadata().setCreationTimestamp(readyAt.toString());
    dp.setStatus(
        new DeviceProcessStatus(
            ProcessPhase.Running,
            List.of(
                new Condition(
                    "Healthy", ConditionStatus.TRUE, null, null, readyAt.toString(), null)),
            "v2",
            1L,
            null,
            0,
            null,
            "rev2",
            1L));
    tally.store().put("fab/agent-tor-01", dp);
    signaller.onAdd(dp);
    await().atMost(Duration.ofSeconds(10)).until(() -> counts.containsKey("agent0"));
    assertThat(counts.get("agent0"))
        .as("ready 5 s of minReadySeconds 30: not available yet")
        .isEqualTo(new FleetCounts(1, 1, 0, 1, 0));

    now.set(readyAt.plusSeconds(30)); // no event: only time passes
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(counts.get("agent1"))
                    .as("baked: available")
                    .isEqualTo(new FleetCounts(1, 1, 1, 0, 0)));
  }
}
