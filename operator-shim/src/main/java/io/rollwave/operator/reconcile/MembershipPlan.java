package io.rollwave.operator.reconcile;

import java.util.List;
import java.util.Map;

/**
 * Which DeviceProcesses a deployment must create (DP name to its device) and delete, so that every
 * matching device has exactly one and no other device has any.
 */
public record MembershipPlan(Map<String, InventoryDevice> create, List<String> delete) {
  public boolean isEmpty() {
    return create.isEmpty() && delete.isEmpty();
  }
}
