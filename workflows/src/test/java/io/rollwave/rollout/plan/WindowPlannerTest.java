package io.rollwave.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {
  private static final String OLD = "rev-a";
  private static final String NEW = "rev-b";

  private static DeviceState up(String name, String partition, String revision) {
    return new DeviceState(name, partition, revision, true);
  }

  private static DeviceState down(String name, String partition, String revision) {
    return new DeviceState(name, partition, revision, false);
  }

  @Test
  void fillsTheWindowInNameOrder() {
    List<DeviceState> fleet =
        List.of(up("c", "", OLD), up("a", "", OLD), up("b", "", OLD), up("d", "", OLD));
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(2))).containsExactly("a", "b");
  }

  @Test
  void unavailableDevicesAtTargetUseTheWindow() {
    List<DeviceState> fleet =
        List.of(down("a", "", NEW), up("b", "", OLD), up("c", "", OLD), up("d", "", OLD));
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(2))).containsExactly("b");
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(1))).isEmpty();
  }

  @Test
  void oneSlowDeviceDoesNotStallTheRest() {
    List<DeviceState> fleet =
        List.of(down("a", "", NEW), up("b", "", NEW), up("c", "", OLD), up("d", "", OLD));
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(2))).containsExactly("c");
  }

  @Test
  void alreadyUnavailableOldDevicesMoveFirstAndFree() {
    List<DeviceState> fleet =
        List.of(up("a", "", OLD), down("z", "", OLD), down("y", "", OLD), up("b", "", OLD));
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(1))).containsExactly("y", "z");
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(3))).containsExactly("y", "z", "a");
  }

  @Test
  void spreadsAcrossPartitionsRoundRobin() {
    List<DeviceState> fleet =
        List.of(
            up("r1-a", "rack1", OLD),
            up("r1-b", "rack1", OLD),
            up("r2-a", "rack2", OLD),
            up("r2-b", "rack2", OLD),
            up("r3-a", "rack3", OLD));
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(4)))
        .containsExactly("r1-a", "r2-a", "r3-a", "r1-b");
  }

  @Test
  void neverTwoDevicesOfOnePartitionWhenTheLimitIsOne() {
    List<DeviceState> fleet =
        List.of(
            up("r1-a", "rack1", OLD),
            up("r1-b", "rack1", OLD),
            down("r2-a", "rack2", NEW),
            up("r2-b", "rack2", OLD),
            up("r3-a", "rack3", OLD));
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(10, 1)))
        .containsExactly("r1-a", "r3-a");
  }

  @Test
  void nothingToDoWhenEveryDeviceIsAtTarget() {
    List<DeviceState> fleet = List.of(up("a", "", NEW), down("b", "", NEW));
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(5))).isEmpty();
  }

  @Test
  void percentWindowRoundsUpAndNeverBelowOne() {
    assertThat(WindowLimits.resolve(IntOrPercent.parse("10%"), 15, null, 0).maxUnavailable())
        .isEqualTo(2);
    assertThat(WindowLimits.resolve(IntOrPercent.parse("1%"), 3, null, 0).maxUnavailable())
        .isEqualTo(1);
    assertThat(
            WindowLimits.resolve(IntOrPercent.parse("10%"), 100, IntOrPercent.parse("50%"), 3)
                .maxUnavailablePerPartition())
        .hasValue(2);
  }

  /**
   * Random fleets rolled out to the end with devices becoming available at random: the window and
   * the per-partition limit hold after every batch, and every device moves exactly once.
   */
  @Test
  void invariantsHoldOverWholeRandomRollouts() {
    for (long seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      int size = 1 + random.nextInt(60);
      int partitions = 1 + random.nextInt(6);
      WindowLimits limits = randomLimits(random);
      Map<String, DeviceState> fleet = randomFleet(random, size, partitions);
      Set<String> moved = new HashSet<>();
      for (int round = 0; round < 10_000 && !allAt(fleet, NEW); round++) {
        for (String name : WindowPlanner.next(List.copyOf(fleet.values()), NEW, limits)) {
          assertThat(moved.add(name)).as("seed %d: %s moved twice", seed, name).isTrue();
          DeviceState d = fleet.get(name);
          fleet.put(name, down(name, d.partition(), NEW));
        }
        assertWindowHolds(seed, fleet, limits);
        settleAtRandom(random, fleet);
      }
      assertThat(allAt(fleet, NEW)).as("seed %d finished", seed).isTrue();
      assertThat(moved).as("seed %d moved every device once", seed).hasSize(size);
    }
  }

  private static void assertWindowHolds(
      long seed, Map<String, DeviceState> fleet, WindowLimits limits) {
    List<DeviceState> unavailable = new ArrayList<>();
    Map<String, Integer> perPartition = new HashMap<>();
    for (DeviceState d : fleet.values()) {
      if (!d.available()) {
        unavailable.add(d);
        perPartition.merge(d.partition(), 1, Integer::sum);
      }
    }
    assertThat(unavailable.size())
        .as("seed %d window", seed)
        .isLessThanOrEqualTo(limits.maxUnavailable());
    limits
        .maxUnavailablePerPartition()
        .ifPresent(
            max ->
                assertThat(perPartition.values())
                    .as("seed %d per-partition", seed)
                    .allMatch(n -> n <= max));
  }

  private static boolean allAt(Map<String, DeviceState> fleet, String revision) {
    return fleet.values().stream().allMatch(d -> d.revision().equals(revision));
  }

  @Test
  void aStepCapBoundsTheDevicesAtTheTargetIncludingUnavailableOnes() {
    List<DeviceState> fleet =
        List.of(down("a", "", OLD), up("b", "", NEW), up("c", "", OLD), up("d", "", OLD));
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(4), 2))
        .as("one already at the target, room for one more: the down one goes first")
        .containsExactly("a");
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(4), 1)).isEmpty();
    assertThat(WindowPlanner.next(fleet, NEW, WindowLimits.of(4), 3)).containsExactly("a", "c");
  }

  /**
   * Random fleets rolled part of the way to a revision (stopped at a random round), then rolled
   * back to the stable one: the rollback moves exactly the devices the rollout moved, each once,
   * never past the window, and leaves every other device alone.
   */
  @Test
  void rollbackReturnsExactlyTheMovedDevices() {
    for (long seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      int size = 1 + random.nextInt(60);
      WindowLimits limits = randomLimits(random);
      Map<String, DeviceState> fleet = randomFleet(random, size, 4);
      Set<String> rolledOut = new HashSet<>();
      int stopAfter = random.nextInt(8);
      for (int round = 0; round < stopAfter; round++) {
        for (String name : WindowPlanner.next(List.copyOf(fleet.values()), NEW, limits)) {
          rolledOut.add(name);
          fleet.put(name, down(name, fleet.get(name).partition(), NEW));
        }
        settleAtRandom(random, fleet);
      }
      Set<String> rolledBack = new HashSet<>();
      for (int round = 0; round < 10_000 && !allAt(fleet, OLD); round++) {
        for (String name : WindowPlanner.next(List.copyOf(fleet.values()), OLD, limits)) {
          assertThat(rolledBack.add(name)).as("seed %d: %s moved back twice", seed, name).isTrue();
          fleet.put(name, down(name, fleet.get(name).partition(), OLD));
        }
        assertWindowHolds(seed, fleet, limits);
        settleAtRandom(random, fleet);
      }
      assertThat(rolledBack).as("seed %d: exactly the moved devices", seed).isEqualTo(rolledOut);
    }
  }

  private static WindowLimits randomLimits(Random random) {
    return random.nextBoolean()
        ? WindowLimits.of(1 + random.nextInt(8))
        : WindowLimits.of(1 + random.nextInt(8), 1 + random.nextInt(3));
  }

  /** {@code size} devices at the old revision, available, in random partitions of {@code p0..}. */
  private static Map<String, DeviceState> randomFleet(Random random, int size, int partitions) {
    Map<String, DeviceState> fleet = new HashMap<>();
    for (int i = 0; i < size; i++) {
      String name = "dev-" + i;
      fleet.put(name, up(name, "p" + random.nextInt(partitions), OLD));
    }
    return fleet;
  }

  /** Each unavailable device becomes available with probability 1/3. */
  private static void settleAtRandom(Random random, Map<String, DeviceState> fleet) {
    for (DeviceState d : List.copyOf(fleet.values())) {
      if (!d.available() && random.nextInt(3) == 0) {
        fleet.put(d.name(), up(d.name(), d.partition(), d.revision()));
      }
    }
  }
}
