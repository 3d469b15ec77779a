package io.rollwave.api.rollout;

/**
 * What an accepted control update (pauseRollout, resumeRollout, promoteRollout, abortRollout,
 * retryRollout, undoRollout) changed: the action, the rollout's phase before and after, and one
 * sentence for the user ("paused at step 2 of 4; 3 devices are still moving").
 */
public record ControlOutcome(
    String action, String phaseBefore, String phaseAfter, String message) {}
