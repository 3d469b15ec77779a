package io.rollwave.ctl;

import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.rollout.plan.DeviceState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cluster of given deployments and revisions, for tests that isolate the Temporal side. */
final class InMemoryCluster implements Cluster {
  private final Map<String, DeviceProcessDeployment> deployments = new HashMap<>();
  private final String user;

  InMemoryCluster(String user) {
    this.user = user;
  }

  InMemoryCluster with(DeviceProcessDeployment dpd) {
    deployments.put(dpd.getMetadata().getNamespace() + "/" + dpd.getMetadata().getName(), dpd);
    return this;
  }

  @Override
  public String namespace() {
    return "default";
  }

  @Override
  public Optional<DeviceProcessDeployment> deployment(String namespace, String name) {
    return Optional.ofNullable(deployments.get(namespace + "/" + name));
  }

  @Override
  public List<StoredRevision> revisions(String namespace, String name) {
    return Views.REVISIONS;
  }

  @Override
  public List<DeviceState> devices(String namespace, String name, String partitionBy) {
    return Views.DEVICES;
  }

  @Override
  public Optional<String> plan(String namespace, String name) {
    return deployment(namespace, name).map(d -> "plan of " + namespace + "/" + name + "\n");
  }

  @Override
  public String whoami() {
    return user;
  }

  final List<String> restored = new java.util.ArrayList<>();

  @Override
  public void restoreTemplate(String namespace, String name, long number, String changeCause) {
    restored.add(namespace + "/" + name + " #" + number + " " + changeCause);
  }
}
