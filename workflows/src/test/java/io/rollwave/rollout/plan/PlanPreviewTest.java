package io.rollwave.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanPreviewTest {
  private static DeviceState up(String name, String rack, String rev) {
    return new DeviceState(name, rack, rev, true);
  }

  @Test
  void batchesFillTheWindowInOrder() {
    List<DeviceState> fleet =
        List.of(
            up("a", "", "r1"),
            up("b", "", "r1"),
            up("c", "", "r1"),
            up("d", "", "r2"),
            up("e", "", "r1"));
    assertThat(PlanPreview.batches(fleet, "r2", WindowLimits.of(2)))
        .containsExactly(List.of("a", "b"), List.of("c", "e"));
  }

  @Test
  void partitionLimitsShapeTheBatches() {
    List<DeviceState> fleet =
        List.of(
            up("r1-a", "rack1", "r1"),
            up("r1-b", "rack1", "r1"),
            up("r2-a", "rack2", "r1"),
            up("r2-b", "rack2", "r1"),
            up("r3-a", "rack3", "r1"));
    assertThat(PlanPreview.batches(fleet, "r2", WindowLimits.of(10, 1)))
        .containsExactly(List.of("r1-a", "r2-a", "r3-a"), List.of("r1-b", "r2-b"));
  }

  @Test
  void aDeviceDownNowHoldsPartOfTheWindowThroughout() {
    List<DeviceState> fleet =
        List.of(new DeviceState("x", "", "r1", false), up("a", "", "r1"), up("b", "", "r1"));
    assertThat(PlanPreview.batches(fleet, "r2", WindowLimits.of(2)))
        .containsExactly(List.of("x", "a"), List.of("b"));
  }

  @Test
  void nothingToDoWhenTheFleetIsThere() {
    assertThat(PlanPreview.batches(List.of(up("a", "", "r2")), "r2", WindowLimits.of(1))).isEmpty();
  }
}
