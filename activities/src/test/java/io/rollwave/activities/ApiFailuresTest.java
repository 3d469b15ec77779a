package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.api.rollout.RolloutInput;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class ApiFailuresTest {
  private static final RolloutInput INPUT = RolloutInput.of("infra", "agent", "r2", "1");

  @Test
  void forbiddenCannotBeFixedByRetryingAndSaysWhichRightsAreMissing() {
    RuntimeException e =
        ApiFailures.classify(INPUT, new KubernetesClientException("forbidden", 403, null));
    assertThat(e).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) e;
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("Forbidden");
    assertThat(failure.getOriginalMessage())
        .startsWith("dpd infra/agent: ")
        .contains("deviceprocesses.azure.com");
  }

  @Test
  void aBusyOrUnreachableServerIsRetried() {
    KubernetesClientException busy = new KubernetesClientException("too many requests", 429, null);
    assertThat(ApiFailures.classify(INPUT, busy)).isSameAs(busy);
    KubernetesClientException conflict = new KubernetesClientException("conflict", 409, null);
    assertThat(ApiFailures.classify(INPUT, conflict)).isSameAs(conflict);
  }
}
