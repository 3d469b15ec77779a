package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.rollwave.activities.DeploymentProcesses;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.DeviceProcess;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The control plane's one DeviceProcess informer as a JOSDK event source: a change to a DP triggers
 * its deployment's reconcile. With it the operator watches and caches each DP once, instead of once
 * here and once in a JOSDK informer of its own.
 */
public final class FleetEventSource
    extends AbstractEventSource<DeviceProcess, DeviceProcessDeployment>
    implements ResourceEventHandler<DeviceProcess> {
  private final SharedIndexInformer<DeviceProcess> informer;
  private final MembershipChanges membership;

  /** {@code informer} must be indexed by {@link DeploymentProcesses#index}. */
  public FleetEventSource(
      SharedIndexInformer<DeviceProcess> informer, MembershipChanges membership) {
    super(DeviceProcess.class, "deviceprocesses");
    this.informer = informer;
    this.membership = membership;
    informer.addEventHandler(this);
  }

  /** The DeviceProcesses of {@code namespace/deployment}, from the cache. */
  public java.util.List<DeviceProcess> of(String namespace, String deployment) {
    return informer
        .getIndexer()
        .byIndex(DeploymentProcesses.BY_DEPLOYMENT, namespace + "/" + deployment);
  }

  /**
   * The DeviceProcess {@code namespace/name}, whichever deployment it belongs to, from the cache.
   */
  public java.util.Optional<DeviceProcess> named(String namespace, String name) {
    return java.util.Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
  }

  @Override
  public Set<DeviceProcess> getSecondaryResources(DeviceProcessDeployment primary) {
    return new HashSet<>(of(primary.getMetadata().getNamespace(), primary.getMetadata().getName()));
  }

  @Override
  public void onAdd(DeviceProcess dp) {
    membership.changed();
    changed(dp);
  }

  @Override
  public void onUpdate(DeviceProcess old, DeviceProcess dp) {
    if (MembershipChanges.reassigned(old, dp)) {
      membership.changed();
      changed(old);
    }
    changed(dp);
  }

  @Override
  public void onDelete(DeviceProcess dp, boolean deletedFinalStateUnknown) {
    membership.changed();
    changed(dp);
  }

  private void changed(DeviceProcess dp) {
    Map<String, String> labels = dp.getMetadata().getLabels();
    if (!isRunning() || labels == null || !labels.containsKey(Labels.DEPLOYMENT)) {
      return; // before start JOSDK reconciles every deployment anyway; unowned DPs concern no one
    }
    getEventHandler()
        .handleEvent(
            new Event(
                new ResourceID(labels.get(Labels.DEPLOYMENT), dp.getMetadata().getNamespace())));
  }
}
