package io.rollwave.operator.identity;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.rollwave.api.ApiGroup;
import io.rollwave.api.nats.DeviceKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device inventory in Kubernetes: a device exists while its resource of one of the inventory
 * kinds does; deleting that resource revokes the device's NATS credential.
 */
public final class KubeInventory implements DeviceInventory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeInventory.class);
  private static final String API_VERSION = ApiGroup.API_VERSION;

  private final KubernetesClient kube;
  private final List<String> kinds;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();

  public KubeInventory(KubernetesClient kube, List<String> kinds) {
    this.kube = kube;
    this.kinds = List.copyOf(kinds);
  }

  @Override
  public boolean exists(DeviceKey device) {
    return kinds.contains(device.kind())
        && kube.genericKubernetesResources(API_VERSION, device.kind())
                .inNamespace(device.namespace())
                .withName(device.name())
                .get()
            != null;
  }

  /** Revokes each device whose inventory resource is deleted, from now on. */
  public KubeInventory revokeOnDelete(DeviceRevocation revocation) {
    for (String kind : kinds) {
      informers.add(
          kube.genericKubernetesResources(API_VERSION, kind)
              .inAnyNamespace()
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource device) {}

                    @Override
                    public void onUpdate(
                        GenericKubernetesResource old, GenericKubernetesResource device) {}

                    @Override
                    public void onDelete(GenericKubernetesResource device, boolean unknown) {
                      DeviceKey key =
                          new DeviceKey(
                              device.getMetadata().getNamespace(),
                              kind,
                              device.getMetadata().getName());
                      try {
                        revocation.revoke(key);
                      } catch (IOException | RuntimeException e) {
                        LOG.error(
                            "device {}: deleted from the inventory but its NATS credential is not"
                                + " revoked ({}); run: rollwave revoke {}",
                            key,
                            e.getMessage(),
                            key);
                      }
                    }
                  }));
    }
    return this;
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
