package io.rollwave.api.inventory;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.rollwave.api.ApiGroup;

/** A network switch in the device inventory (minimal form; selectors match its labels). */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural(NetworkSwitch.PLURAL)
@ShortNames("nsw")
@Categories("devices")
public class NetworkSwitch extends CustomResource<DeviceSpec, DeviceStatus> implements Namespaced {
  public static final String KIND = "NetworkSwitch";
  public static final String PLURAL = "networkswitches";
}
