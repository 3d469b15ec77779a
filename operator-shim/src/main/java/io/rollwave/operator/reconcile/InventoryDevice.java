package io.rollwave.operator.reconcile;

import java.util.Map;

/** A device of the inventory as the reconciler sees it: kind, namespace, name and labels. */
public record InventoryDevice(
    String kind, String namespace, String name, Map<String, String> labels) {
  public InventoryDevice {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
