package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.rollwave.api.Labels;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.operator.bridge.FleetSignaller;
import io.rollwave.operator.bridge.RolloutTarget;
import io.rollwave.operator.reconcile.MembershipPlanner.ExistingProcess;
import io.rollwave.rollout.fleet.AgentReport;
import io.rollwave.rollout.fleet.DeviceFacts;
import io.rollwave.rollout.fleet.DevicePolicy;
import io.rollwave.rollout.fleet.FleetModel;
import io.rollwave.rollout.fleet.ModelledDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's membership and counting and the signaller's counts, driven through random
 * interleavings of devices that join and leave, agents' reports (ready, failed, starting, silent),
 * the workflow's patches, clock steps across bake times and deadlines, and a cache that lags the
 * API server by any number of events. At every reconcile: {@code updated <= current <= desired},
 * {@code available <= ready <= current}; the status counts are the {@link FleetModel}'s over the
 * members and the signalled counts the model's over the cached devices; and whenever the cache has
 * caught up, the two agree with each other. Once the run ends, every device is counted once.
 */
class FleetCountsPropertyTest {
  private static final String NS = "ns";
  private static final String DEPLOYMENT = "app";
  private static final String KEY = NS + "/" + DEPLOYMENT;
  private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

  /** What an agent said last; the DP's status as the API server holds it. */
  private record Report(String revision, ProcessPhase phase, ConditionStatus healthy, Instant at) {}

  /** A DP as the API server holds it. */
  private record Dp(String name, String device, String revision, Instant setAt, Report report) {}

  /** One change the cache has yet to see: the DP as it is now, or null for its deletion. */
  private record CacheEvent(String name, Dp dp) {}

  private final Map<String, Dp> server = new LinkedHashMap<>();
  private final Map<String, Dp> cache = new HashMap<>();
  private final Deque<CacheEvent> inFlight = new ArrayDeque<>();
  private CreatedNotSeen createdNotSeen;
  private FleetTally tally;
  private ItemStore<DeviceProcess> store;
  private Instant now;

  @Test
  void statusAndSignalledCountsAgreeWithTheModelWhateverTheCacheLagAndTheClock() {
    Random random = new Random(20261207);
    int reconciles = 0;
    int caughtUp = 0;
    for (int run = 0; run < 200; run++) {
      server.clear();
      cache.clear();
      inFlight.clear();
      tally = new FleetTally();
      createdNotSeen = new CreatedNotSeen();
      store = tally.store();
      now = START;
      DevicePolicy policy = new DevicePolicy(random.nextInt(3) * 15, 30 + random.nextInt(60));
      Set<String> inventory = new HashSet<>();
      String revision = "r1";
      for (int step = 0; step < 200; step++) {
        switch (random.nextInt(9)) {
          case 0 -> inventory.add("sw" + random.nextInt(12));
          case 1 -> inventory.remove("sw" + random.nextInt(12));
          case 2 -> report(random);
          case 3 -> revision = "r" + (2 + random.nextInt(3));
          case 4 -> patchOne(random, revision);
          case 5 -> deliver(random.nextInt(inFlight.size() + 1));
          case 6 -> now = now.plusSeconds(random.nextInt(40));
          default -> {
            String at = "step " + step + " of run " + run + " (" + policy + ")";
            Members members = reconcile(inventory, revision);
            DeviceProcessDeploymentStatus s = status(inventory, members, revision, policy);
            FleetCounts signalled =
                FleetSignaller.counts(
                    FleetSignaller.fleet(
                        tally, NS, DEPLOYMENT, new RolloutTarget(revision, policy), now),
                    revision);
            reconciles++;
            assertWithinTheFleet(s, at);
            assertThat(s)
                .as("status counts are the model's over the members, %s", at)
                .isEqualTo(expectedStatus(s, members.counted(), revision, policy));
            assertThat(signalled)
                .as("signalled counts are the model's over the cache, %s", at)
                .isEqualTo(expectedSignal(revision, policy));
            if (inFlight.isEmpty() && cache.keySet().equals(members.counted())) {
              caughtUp++;
              assertAgree(s, signalled, at);
            }
          }
        }
      }
      // past CreatedNotSeen's memory: a create deleted before the cache showed it is made again
      now = now.plus(CreatedNotSeen.FORGET_AFTER).plusSeconds(1);
      deliver(inFlight.size());
      reconcile(inventory, revision); // the deletes of devices that left
      deliver(inFlight.size());
      reconcile(inventory, revision); // creates the cache did not show before
      deliver(inFlight.size());
      Members members = reconcile(inventory, revision);
      assertThat(inFlight).as("nothing left to create or delete").isEmpty();
      DeviceProcessDeploymentStatus settled = status(inventory, members, revision, policy);
      assertThat(settled.desiredNumberScheduled()).isEqualTo(inventory.size());
      assertThat(settled.currentNumberScheduled())
          .as("with the cache caught up, every device counted once")
          .isEqualTo(inventory.size());
      FleetCounts signalled =
          FleetSignaller.counts(
              FleetSignaller.fleet(tally, NS, DEPLOYMENT, new RolloutTarget(revision, policy), now),
              revision);
      assertAgree(settled, signalled, "the end of run " + run);
    }
    assertThat(reconciles).as("reconciles checked").isGreaterThan(5_000);
    assertThat(caughtUp).as("reconciles with the cache caught up").isGreaterThan(500);
  }

  /** The reconciler's clock, in nanoseconds, moving with the test's. */
  private long nanos() {
    return Duration.between(START, now).toNanos();
  }

  private static void assertWithinTheFleet(DeviceProcessDeploymentStatus s, String at) {
    assertThat(s.updatedNumberScheduled())
        .as("updated <= current, %s: %s", at, s)
        .isLessThanOrEqualTo(s.currentNumberScheduled());
    assertThat(s.currentNumberScheduled())
        .as("current <= desired, %s: %s", at, s)
        .isLessThanOrEqualTo(s.desiredNumberScheduled());
    assertThat(s.numberAvailable()).isLessThanOrEqualTo(s.numberReady());
    assertThat(s.numberReady()).isLessThanOrEqualTo(s.currentNumberScheduled());
    assertThat(s.numberUnavailable()).isBetween(0, s.desiredNumberScheduled());
  }

  /** The status the deployment writes and the counts its rollout is told say the same. */
  private static void assertAgree(
      DeviceProcessDeploymentStatus s, FleetCounts signalled, String at) {
    assertThat(signalled.total())
        .as("total = current, %s", at)
        .isEqualTo(s.currentNumberScheduled());
    assertThat(signalled.updated()).as("updated, %s", at).isEqualTo(s.updatedNumberScheduled());
    assertThat(signalled.total() - signalled.unavailable())
        .as("available, %s", at)
        .isEqualTo(s.numberAvailable());
    assertThat(signalled.unavailable()).as("unavailable, %s", at).isEqualTo(s.numberUnavailable());
  }

  /** The members the status counts: planned members less the names another device holds. */
  private record Members(Set<String> counted) {}

  private Members reconcile(Set<String> inventory, String revision) {
    List<InventoryDevice> devices =
        inventory.stream().map(d -> new InventoryDevice("NetworkSwitch", NS, d, Map.of())).toList();
    List<ExistingProcess> cached =
        cache.values().stream()
            .map(dp -> new ExistingProcess(dp.name(), "NetworkSwitch", dp.device()))
            .toList();
    MembershipPlan plan =
        MembershipPlanner.plan(
            DEPLOYMENT, devices, createdNotSeen.withUnseen(KEY, cached, nanos()), name -> false);
    Set<String> notCreated = new HashSet<>();
    plan.create()
        .forEach(
            (name, device) -> {
              if (server.containsKey(name)) {
                // ours (the only deployment here): an earlier create the cache had not shown
                if (!server.get(name).device().equals(device.name())) {
                  notCreated.add(name);
                }
              } else {
                put(new Dp(name, device.name(), revision, now, null));
              }
              createdNotSeen.created(
                  KEY, new ExistingProcess(name, "NetworkSwitch", device.name()), nanos());
            });
    plan.delete().forEach(this::delete);
    Set<String> members = new HashSet<>(plan.members());
    members.removeAll(notCreated);
    return new Members(members);
  }

  private DeviceProcessDeploymentStatus status(
      Set<String> inventory, Members members, String revision, DevicePolicy policy) {
    return DeploymentStatusCalculator.calculate(
        1,
        false,
        inventory.size(),
        CountedFleet.views(members.counted(), tally.byName(NS, DEPLOYMENT), policy, now),
        List.of(),
        revision,
        "rollout/ns/app",
        null,
        now.toString());
  }

  /** The model's verdict on {@code dp} as the test holds it (not as the tally read it). */
  private ModelledDevice modelled(Dp dp, DevicePolicy policy) {
    Report r = dp.report();
    AgentReport shown =
        r == null
            ? AgentReport.NONE
            : new AgentReport(
                r.revision(),
                r.phase(),
                r.healthy(),
                r.healthy() == ConditionStatus.TRUE ? r.at() : null);
    return FleetModel.of(
        new DeviceFacts(dp.name(), "", dp.revision(), dp.setAt(), shown), policy, now);
  }

  private DeviceProcessDeploymentStatus expectedStatus(
      DeviceProcessDeploymentStatus s, Set<String> members, String revision, DevicePolicy policy) {
    int ready = 0;
    int available = 0;
    int updated = 0;
    for (String name : members) {
      Dp dp = cache.get(name);
      if (dp != null) {
        ModelledDevice d = modelled(dp, policy);
        ready += d.ready() ? 1 : 0;
        available += d.available() ? 1 : 0;
        updated += d.updatedTo(revision) ? 1 : 0;
      }
    }
    return new DeviceProcessDeploymentStatus(
        s.observedGeneration(),
        s.desiredNumberScheduled(),
        members.size(),
        ready,
        available,
        Math.max(0, s.desiredNumberScheduled() - available),
        updated,
        s.conditions(),
        s.updateRevision(),
        s.currentRevision(),
        s.rollout());
  }

  private FleetCounts expectedSignal(String revision, DevicePolicy policy) {
    int updated = 0;
    int updatedAvailable = 0;
    int unavailable = 0;
    int failed = 0;
    for (Dp dp : cache.values()) {
      ModelledDevice d = modelled(dp, policy);
      updated += d.updatedTo(revision) ? 1 : 0;
      updatedAvailable += d.updatedTo(revision) && d.available() ? 1 : 0;
      unavailable += d.available() ? 0 : 1;
      failed += d.updatedTo(revision) && d.failed() ? 1 : 0;
    }
    return new FleetCounts(cache.size(), updated, updatedAvailable, unavailable, failed);
  }

  /** An agent reports: ready or failed at its DP's revision, still starting, or falls silent. */
  private void report(Random random) {
    pick(random)
        .ifPresent(
            dp -> {
              Report report =
                  switch (random.nextInt(5)) {
                    case 0, 1 ->
                        new Report(dp.revision(), ProcessPhase.Running, ConditionStatus.TRUE, now);
                    case 2 ->
                        new Report(dp.revision(), ProcessPhase.Running, ConditionStatus.FALSE, now);
                    case 3 ->
                        new Report(
                            dp.revision(), ProcessPhase.Pending, ConditionStatus.UNKNOWN, now);
                    default ->
                        new Report(
                            dp.report() == null ? dp.revision() : dp.report().revision(),
                            ProcessPhase.Unknown,
                            ConditionStatus.UNKNOWN,
                            now);
                  };
              put(new Dp(dp.name(), dp.device(), dp.revision(), dp.setAt(), report));
            });
  }

  /** The workflow sets one device to {@code revision}; its agent still reports what it ran. */
  private void patchOne(Random random, String revision) {
    pick(random)
        .filter(dp -> !dp.revision().equals(revision))
        .ifPresent(dp -> put(new Dp(dp.name(), dp.device(), revision, now, dp.report())));
  }

  private Optional<Dp> pick(Random random) {
    List<Dp> all = new ArrayList<>(server.values());
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(random.nextInt(all.size())));
  }

  private void put(Dp dp) {
    server.put(dp.name(), dp);
    inFlight.add(new CacheEvent(dp.name(), dp));
  }

  private void delete(String name) {
    if (server.remove(name) != null) {
      inFlight.add(new CacheEvent(name, null));
    }
  }

  /** The cache (the tally's own store, as the informer fills it) sees the next events. */
  private void deliver(int events) {
    for (int i = 0; i < events && !inFlight.isEmpty(); i++) {
      CacheEvent e = inFlight.poll();
      if (e.dp() == null) {
        cache.remove(e.name());
        store.remove(NS + "/" + e.name());
      } else {
        cache.put(e.name(), e.dp());
        store.put(NS + "/" + e.name(), resource(e.dp()));
      }
    }
  }

  private static DeviceProcess resource(Dp dp) {
    DeviceProcess resource = new DeviceProcess();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(NS)
            .withName(dp.name())
            .withLabels(Map.of(Labels.DEPLOYMENT, DEPLOYMENT, Labels.REVISION, dp.revision()))
            .withAnnotations(Map.of(Labels.REVISION_SET_AT, dp.setAt().toString()))
            .build());
    Report r = dp.report();
    if (r != null) {
      resource.setStatus(
          new DeviceProcessStatus(
              r.phase(),
              List.of(new Condition("Healthy", r.healthy(), null, null, r.at().toString(), null)),
              "v",
              1L,
              null,
              0,
              null,
              r.revision(),
              1L));
    }
    return resource;
  }
}
