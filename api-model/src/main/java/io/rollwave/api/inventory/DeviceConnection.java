package io.rollwave.api.inventory;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.rollwave.api.ApiGroup;

/** The connectivity record of one device (minimal form). */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural(DeviceConnection.PLURAL)
@ShortNames("dconn")
@SchemaCustomizer(
    value = SchemaCustomizer.MergePatchCustomizer.class,
    input =
        "{\"description\": \"DeviceConnection is the connectivity record of one device (minimal form).\"}")
public class DeviceConnection extends CustomResource<DeviceConnectionSpec, DeviceConnectionStatus>
    implements Namespaced {
  public static final String KIND = "DeviceConnection";
  public static final String PLURAL = "deviceconnections";

  @Override
  @JsonPropertyDescription("spec names the device and the address it is reached at.")
  public DeviceConnectionSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("status is whether the device is reachable, and when it was last seen.")
  public DeviceConnectionStatus getStatus() {
    return super.getStatus();
  }
}
