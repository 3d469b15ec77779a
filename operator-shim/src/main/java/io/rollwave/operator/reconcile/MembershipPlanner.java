package io.rollwave.operator.reconcile;

import io.rollwave.operator.reconcile.MembershipPlan.NameConflict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * DaemonSet semantics for devices: one DeviceProcess per matching device, pure. A device that has a
 * DP of this deployment keeps it, whatever its name (so a name never changes under a running
 * process); one that has none gets a name from {@link DeviceProcessNames}: the seed's, or the
 * hashed one when the seed's belongs to another deployment or to another device of this one. DPs of
 * devices that no longer match, and second DPs of one device, are deleted.
 */
public final class MembershipPlanner {
  private MembershipPlanner() {}

  /** A DeviceProcess that exists, with the device its spec names. */
  public record ExistingProcess(String name, String deviceKind, String deviceName) {}

  private static final Comparator<InventoryDevice> BY_NAME_THEN_KIND =
      Comparator.comparing(InventoryDevice::name).thenComparing(InventoryDevice::kind);

  /** As {@link #plan(String, List, List, Predicate)} with no name taken by anything else. */
  public static MembershipPlan plan(
      String deployment, List<InventoryDevice> matching, List<ExistingProcess> existing) {
    return plan(deployment, matching, existing, name -> false);
  }

  /**
   * @param takenElsewhere whether a DeviceProcess of that name exists that is not this deployment's
   */
  public static MembershipPlan plan(
      String deployment,
      List<InventoryDevice> matching,
      List<ExistingProcess> existing,
      Predicate<String> takenElsewhere) {
    Map<String, List<ExistingProcess>> byDevice = new HashMap<>();
    existing.stream()
        .sorted(Comparator.comparing(ExistingProcess::name))
        .forEach(
            dp ->
                byDevice
                    .computeIfAbsent(
                        deviceId(dp.deviceKind(), dp.deviceName()), d -> new ArrayList<>())
                    .add(dp));
    Map<String, Long> perName = new HashMap<>();
    matching.forEach(d -> perName.merge(d.name(), 1L, Long::sum));
    List<InventoryDevice> sorted = matching.stream().sorted(BY_NAME_THEN_KIND).toList();

    Set<String> members = new HashSet<>();
    List<InventoryDevice> without = new ArrayList<>();
    for (InventoryDevice device : sorted) {
      List<ExistingProcess> has = byDevice.remove(deviceId(device.kind(), device.name()));
      if (has == null) {
        without.add(device);
      } else {
        members.add(has.get(0).name());
      }
    }
    Set<String> existingNames = new HashSet<>();
    existing.forEach(dp -> existingNames.add(dp.name()));
    // a name being deleted is not free yet: a create would meet the old DP
    Predicate<String> free =
        n -> !members.contains(n) && !existingNames.contains(n) && !takenElsewhere.test(n);
    Map<String, InventoryDevice> create = new LinkedHashMap<>();
    List<NameConflict> conflicts = new ArrayList<>();
    for (InventoryDevice device : without) {
      String preferred =
          DeviceProcessNames.preferred(deployment, device, perName.get(device.name()) > 1);
      String hashed = DeviceProcessNames.hashed(deployment, device);
      String name = free.test(preferred) ? preferred : free.test(hashed) ? hashed : null;
      if (name == null) {
        conflicts.add(new NameConflict(device, hashed));
      } else {
        members.add(name);
        create.put(name, device);
      }
    }
    List<String> delete = new ArrayList<>();
    for (ExistingProcess dp : existing) {
      if (!members.contains(dp.name())) {
        delete.add(dp.name());
      }
    }
    delete.sort(Comparator.naturalOrder());
    return new MembershipPlan(create, delete, members, conflicts);
  }

  private static String deviceId(String kind, String name) {
    return kind + "/" + name;
  }
}
