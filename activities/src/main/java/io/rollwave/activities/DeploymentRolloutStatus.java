package io.rollwave.activities;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.rollout.RolloutPhaseReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the workflow's phase into {@code status.rollout} of the deployment. The operator writes
 * the rest of the status and leaves these four fields to the workflow.
 */
public final class DeploymentRolloutStatus {
  private final KubernetesClient client;

  public DeploymentRolloutStatus(KubernetesClient client) {
    this.client = client;
  }

  /** Idempotent: the same report written twice leaves the same status. */
  public void write(RolloutPhaseReport report) {
    Map<String, Object> rollout = new LinkedHashMap<>();
    rollout.put("phase", report.phase());
    rollout.put("reason", report.reason());
    rollout.put("message", report.message());
    rollout.put("runId", report.runId());
    rollout.put("step", report.step());
    String patch =
        client.getKubernetesSerialization().asJson(Map.of("status", Map.of("rollout", rollout)));
    try {
      client
          .resources(DeviceProcessDeployment.class)
          .inNamespace(report.namespace())
          .withName(report.deployment())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
