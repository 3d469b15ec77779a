package io.rollwave.api.rollout;

/**
 * The rollout's phase as the workflow reports it into the deployment's {@code status.rollout}
 * (phase, reason, message, runId, and the index of the canary step in force: null without steps),
 * so {@code kubectl get dpd -o wide} shows what Temporal shows.
 */
public record RolloutPhaseReport(
    String namespace,
    String deployment,
    String phase,
    String reason,
    String message,
    String runId,
    Integer step) {}
