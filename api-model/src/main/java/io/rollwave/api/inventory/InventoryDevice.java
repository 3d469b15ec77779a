package io.rollwave.api.inventory;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;

/** The shape every minimal inventory kind shares, with its spec and status described once. */
public abstract class InventoryDevice extends CustomResource<DeviceSpec, DeviceStatus>
    implements Namespaced {

  @Override
  @JsonPropertyDescription(
      "spec describes the device. Rollwave reads only its labels, which deployment selectors"
          + " match.")
  public DeviceSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("status is what the inventory system reports about the device.")
  public DeviceStatus getStatus() {
    return super.getStatus();
  }
}
