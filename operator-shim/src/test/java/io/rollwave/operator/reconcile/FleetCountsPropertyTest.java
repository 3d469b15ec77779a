package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.operator.reconcile.MembershipPlanner.ExistingProcess;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's membership and counting, driven through random interleavings of devices that
 * join and leave, agents' reports, the workflow's patches and a cache that lags the API server by
 * any number of events: at every reconcile {@code updated <= current <= desired}, {@code available
 * <= ready <= current}, and once the cache has caught up every device is counted once.
 */
class FleetCountsPropertyTest {
  private static final String DEPLOYMENT = "app";
  private static final String KEY = "ns/app";
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  /** A DP as the API server holds it. */
  private record Dp(String name, String device, String revision, boolean ready) {}

  /** One change the cache has yet to see: the DP as it is now, or null for its deletion. */
  private record CacheEvent(String name, Dp dp) {}

  private final Map<String, Dp> server = new LinkedHashMap<>();
  private final Map<String, Dp> cache = new HashMap<>();
  private final Deque<CacheEvent> inFlight = new ArrayDeque<>();
  private final CreatedNotSeen createdNotSeen = new CreatedNotSeen();

  @Test
  void countsStayWithinTheFleetWhateverTheCacheLag() {
    Random random = new Random(20261207);
    int reconciles = 0;
    for (int run = 0; run < 200; run++) {
      server.clear();
      cache.clear();
      inFlight.clear();
      Set<String> inventory = new HashSet<>();
      String revision = "r1";
      for (int step = 0; step < 200; step++) {
        switch (random.nextInt(8)) {
          case 0 -> inventory.add("sw" + random.nextInt(12));
          case 1 -> inventory.remove("sw" + random.nextInt(12));
          case 2 -> report(random);
          case 3 -> revision = "r" + (2 + random.nextInt(3));
          case 4 -> patchOne(random, revision);
          case 5 -> deliver(random.nextInt(inFlight.size() + 1));
          default -> {
            DeviceProcessDeploymentStatus s = reconcile(inventory, revision);
            reconciles++;
            assertThat(s.updatedNumberScheduled())
                .as("updated <= current, step %d of run %d: %s", step, run, s)
                .isLessThanOrEqualTo(s.currentNumberScheduled());
            assertThat(s.currentNumberScheduled())
                .as("current <= desired, step %d of run %d: %s", step, run, s)
                .isLessThanOrEqualTo(s.desiredNumberScheduled());
            assertThat(s.numberAvailable()).isLessThanOrEqualTo(s.numberReady());
            assertThat(s.numberReady()).isLessThanOrEqualTo(s.currentNumberScheduled());
            assertThat(s.numberUnavailable()).isBetween(0, s.desiredNumberScheduled());
          }
        }
      }
      deliver(inFlight.size());
      reconcile(inventory, revision); // the deletes of devices that left
      deliver(inFlight.size());
      DeviceProcessDeploymentStatus settled = reconcile(inventory, revision);
      assertThat(settled.desiredNumberScheduled()).isEqualTo(inventory.size());
      assertThat(settled.currentNumberScheduled())
          .as("with the cache caught up, every device counted once")
          .isEqualTo(inventory.size());
    }
    assertThat(reconciles).as("reconciles checked").isGreaterThan(5_000);
  }

  private DeviceProcessDeploymentStatus reconcile(Set<String> inventory, String revision) {
    List<InventoryDevice> devices =
        inventory.stream()
            .map(d -> new InventoryDevice("NetworkSwitch", "ns", d, Map.of()))
            .toList();
    List<ExistingProcess> cached =
        cache.values().stream()
            .map(dp -> new ExistingProcess(dp.name(), "NetworkSwitch", dp.device()))
            .toList();
    MembershipPlan plan =
        MembershipPlanner.plan(
            DEPLOYMENT, devices, createdNotSeen.withUnseen(KEY, cached, 0), name -> false);
    Set<String> notCreated = new HashSet<>();
    plan.create()
        .forEach(
            (name, device) -> {
              if (server.containsKey(name)) {
                // ours (the only deployment here): an earlier create the cache had not shown
                Dp existing = server.get(name);
                if (!existing.device().equals(device.name())) {
                  notCreated.add(name);
                }
              } else {
                put(new Dp(name, device.name(), revision, false));
              }
              createdNotSeen.created(
                  KEY, new ExistingProcess(name, "NetworkSwitch", device.name()), 0);
            });
    plan.delete().forEach(this::delete);
    Set<String> members = new HashSet<>(plan.members());
    members.removeAll(notCreated);
    Map<String, TalliedDevice> tally = new HashMap<>();
    cache
        .values()
        .forEach(
            dp ->
                tally.put(
                    dp.name(),
                    new TalliedDevice(
                        dp.name(), dp.revision(), dp.ready(), dp.ready() ? NOW : null, false)));
    return DeploymentStatusCalculator.calculate(
        1,
        false,
        devices.size(),
        CountedFleet.views(members, tally, 0, NOW),
        List.of(),
        revision,
        "rollout/ns/app",
        null,
        NOW.toString());
  }

  private void report(Random random) {
    pick(random).ifPresent(dp -> put(new Dp(dp.name(), dp.device(), dp.revision(), true)));
  }

  private void patchOne(Random random, String revision) {
    pick(random).ifPresent(dp -> put(new Dp(dp.name(), dp.device(), revision, false)));
  }

  private java.util.Optional<Dp> pick(Random random) {
    List<Dp> all = new ArrayList<>(server.values());
    return all.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(all.get(random.nextInt(all.size())));
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

  private void deliver(int events) {
    for (int i = 0; i < events && !inFlight.isEmpty(); i++) {
      CacheEvent e = inFlight.poll();
      if (e.dp() == null) {
        cache.remove(e.name());
      } else {
        cache.put(e.name(), e.dp());
      }
    }
  }
}
