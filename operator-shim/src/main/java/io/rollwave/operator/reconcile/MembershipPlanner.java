package io.rollwave.operator.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DaemonSet semantics for devices: one DeviceProcess per matching device, named {@code
 * <deployment>-<device>} as in the seed ({@code switch-agent-tor1-01}); when two matching devices
 * of different kinds share a name, each gets {@code <deployment>-<kind>-<device>}. Pure.
 */
public final class MembershipPlanner {
  private MembershipPlanner() {}

  /** A DeviceProcess that exists, with the device its spec names. */
  public record ExistingProcess(String name, String deviceKind, String deviceName) {}

  public static MembershipPlan plan(
      String deployment, List<InventoryDevice> matching, List<ExistingProcess> existing) {
    Map<String, InventoryDevice> wanted = names(deployment, matching);
    Set<String> have = new HashSet<>();
    List<String> delete = new ArrayList<>();
    for (ExistingProcess dp : existing) {
      InventoryDevice device = wanted.get(dp.name());
      if (device != null
          && device.kind().equals(dp.deviceKind())
          && device.name().equals(dp.deviceName())) {
        have.add(dp.name());
      } else {
        delete.add(dp.name());
      }
    }
    Map<String, InventoryDevice> create = new LinkedHashMap<>();
    wanted.forEach(
        (name, device) -> {
          if (!have.contains(name)) {
            create.put(name, device);
          }
        });
    delete.sort(Comparator.naturalOrder());
    return new MembershipPlan(create, List.copyOf(delete));
  }

  /** The DP name of each matching device, in device-name order. */
  static Map<String, InventoryDevice> names(String deployment, List<InventoryDevice> matching) {
    Map<String, Long> perName = new java.util.HashMap<>();
    for (InventoryDevice d : matching) {
      perName.merge(d.name(), 1L, Long::sum);
    }
    Map<String, InventoryDevice> names = new LinkedHashMap<>();
    matching.stream()
        .sorted(Comparator.comparing(InventoryDevice::name).thenComparing(InventoryDevice::kind))
        .forEach(
            d -> {
              String name =
                  perName.get(d.name()) > 1
                      ? deployment + "-" + d.kind().toLowerCase(Locale.ROOT) + "-" + d.name()
                      : deployment + "-" + d.name();
              names.put(name, d);
            });
    return names;
  }
}
