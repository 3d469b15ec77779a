package io.rollwave.operator.reconcile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which DeviceProcesses a deployment must create (DP name to its device) and delete, so that every
 * matching device has exactly one and no other device has any; the names of the DPs it has or
 * creates ({@code members}, one per matching device); and the devices that cannot have one because
 * every name they may take belongs to something else ({@code conflicts}).
 */
public record MembershipPlan(
    Map<String, InventoryDevice> create,
    List<String> delete,
    Set<String> members,
    List<NameConflict> conflicts) {

  /** A matching device left without a DeviceProcess: {@code name} is another's. */
  public record NameConflict(InventoryDevice device, String name) {}

  public MembershipPlan {
    create = Map.copyOf(create);
    delete = List.copyOf(delete);
    members = Set.copyOf(members);
    conflicts = List.copyOf(conflicts);
  }

  /** Nothing to create or delete, and no device left out. */
  public boolean isEmpty() {
    return create.isEmpty() && delete.isEmpty() && conflicts.isEmpty();
  }
}
