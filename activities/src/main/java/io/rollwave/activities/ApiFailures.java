package io.rollwave.activities;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.api.rollout.RolloutInput;
import io.temporal.failure.ApplicationFailure;

/**
 * Sorts API server errors into those worth retrying (the server is busy, down, or the object
 * changed under us) and those no retry can fix (RBAC forbids the patch, the object is invalid),
 * which the workflow turns into phase Degraded until someone fixes the cause and signals retry.
 */
final class ApiFailures {
  private ApiFailures() {}

  static RuntimeException classify(RolloutInput input, KubernetesClientException e) {
    String where = "dpd " + input.namespace() + "/" + input.deployment() + ": ";
    return switch (e.getCode()) {
      case 401, 403 ->
          ApplicationFailure.newNonRetryableFailureWithCause(
              where
                  + "the API server refused the rollout's request ("
                  + e.getCode()
                  + "): "
                  + e.getMessage()
                  + "; grant the operator's service account get, list and update on"
                  + " deviceprocesses.azure.com and get on controllerrevisions.apps",
              "Forbidden",
              e);
      case 422 ->
          ApplicationFailure.newNonRetryableFailureWithCause(
              where + "the API server rejected a DeviceProcess change: " + e.getMessage(),
              "Invalid",
              e);
      default -> e;
    };
  }
}
