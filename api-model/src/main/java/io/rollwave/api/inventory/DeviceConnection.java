package io.rollwave.api.inventory;

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
public class DeviceConnection extends CustomResource<DeviceConnectionSpec, DeviceConnectionStatus>
    implements Namespaced {
  public static final String KIND = "DeviceConnection";
  public static final String PLURAL = "deviceconnections";
}
