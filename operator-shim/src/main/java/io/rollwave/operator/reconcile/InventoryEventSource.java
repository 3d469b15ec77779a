package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.rollwave.api.deployment.DeviceProcessDeployment;

/**
 * One inventory kind's informer as a JOSDK event source that also counts, in {@link
 * MembershipChanges}, the device changes that can alter a deployment's membership.
 */
final class InventoryEventSource
    extends InformerEventSource<GenericKubernetesResource, DeviceProcessDeployment> {
  private final MembershipChanges changes;

  InventoryEventSource(
      InformerEventSourceConfiguration<GenericKubernetesResource> configuration,
      EventSourceContext<DeviceProcessDeployment> context,
      MembershipChanges changes) {
    super(configuration, context);
    this.changes = changes;
  }

  @Override
  public void onAdd(GenericKubernetesResource device) {
    changes.changed();
    super.onAdd(device);
  }

  @Override
  public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource device) {
    if (MembershipChanges.relabelled(old, device)) {
      changes.changed();
    }
    super.onUpdate(old, device);
  }

  @Override
  public void onDelete(GenericKubernetesResource device, boolean deletedFinalStateUnknown) {
    changes.changed();
    super.onDelete(device, deletedFinalStateUnknown);
  }
}
