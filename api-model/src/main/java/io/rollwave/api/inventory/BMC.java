package io.rollwave.api.inventory;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.rollwave.api.ApiGroup;

/**
 * A baseboard management controller in the device inventory (minimal form; selectors match its
 * labels).
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural(BMC.PLURAL)
@ShortNames("bmc")
@Categories("devices")
@SchemaCustomizer(
    value = SchemaCustomizer.MergePatchCustomizer.class,
    input =
        "{\"description\": \"BMC is a baseboard management controller in the device inventory (minimal form). DeviceProcessDeployments select devices by their labels.\"}")
public class BMC extends InventoryDevice {
  public static final String KIND = "BMC";
  public static final String PLURAL = "bmcs";
}
