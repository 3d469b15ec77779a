package io.rollwave.api.rollout;

/**
 * A Kubernetes event about a deployment's rollout, as the seed shows them: {@code Normal
 * RolloutStarted}, {@code RolloutProgress "Updated 50/100 devices"}, {@code Warning RolloutPaused},
 * {@code RolloutComplete}.
 */
public record RolloutEvent(
    String namespace, String deployment, String type, String reason, String message) {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
}
