package io.rollwave.ctl;

import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.rollout.plan.DeviceState;
import java.util.List;
import java.util.Optional;

/** What the plugin reads from Kubernetes. */
public interface Cluster {

  /** The namespace of the kubeconfig's context (or {@code -n}), else {@code default}. */
  String namespace();

  Optional<DeviceProcessDeployment> deployment(String namespace, String name);

  /** The deployment's stored revisions (ControllerRevisions), in no particular order. */
  List<StoredRevision> revisions(String namespace, String name);

  /** The deployment's devices as the planner sees them, partitioned by {@code partitionBy}. */
  List<DeviceState> devices(String namespace, String name, String partitionBy);

  /** {@code ./rollwave plan}'s text for the deployment; empty when there is no such deployment. */
  Optional<String> plan(String namespace, String name);

  /** Who the kubeconfig's credentials are, as {@code kubectl auth whoami} says. */
  String whoami();

  /**
   * Sets the deployment's template back to stored revision {@code number}'s, recording {@code
   * changeCause} as its {@code kubernetes.io/change-cause}, as {@code kubectl rollout undo} does
   * for a Deployment; the operator then rolls that revision out like any template change.
   */
  void restoreTemplate(String namespace, String name, long number, String changeCause);
}
