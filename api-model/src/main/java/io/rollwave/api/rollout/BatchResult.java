package io.rollwave.api.rollout;

/**
 * What one batch activity did: how many devices it moved to the revision, the window it used, and
 * the fleet it observed after moving them.
 */
public record BatchResult(int moved, int window, FleetCounts fleet) {}
