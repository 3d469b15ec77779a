package io.rollwave.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ForbiddenRequestsTest {
  private static final URI WATCH =
      URI.create("https://k:6443/apis/azure.com/v1alpha1/namespaces/n/deviceprocesses?watch=true");
  private static final URI LIST =
      URI.create("https://k:6443/apis/azure.com/v1alpha1/namespaces/n/deviceprocesses");

  private final AtomicLong now = new AtomicLong();
  private final ForbiddenRequests requests = new ForbiddenRequests(now::get);

  @Test
  void aRefusedRequestIsLoggedWithTheRightToGrant() {
    assertThat(requests.refused("GET", WATCH))
        .hasValue(
            "forbidden: the operator cannot watch resource \"deviceprocesses\" in API group"
                + " \"azure.com\" in the namespace \"n\" (GET"
                + " /apis/azure.com/v1alpha1/namespaces/n/deviceprocesses): grant verb watch on"
                + " deviceprocesses in API group \"azure.com\" to its ServiceAccount (the chart's"
                + " Role or ClusterRole)");
  }

  @Test
  void theSameRightIsLoggedAgainOnlyAfterTheRepeatInterval() {
    assertThat(requests.refused("GET", WATCH)).isPresent();
    now.addAndGet(ForbiddenRequests.REPEAT.toNanos() - 1);
    assertThat(requests.refused("GET", WATCH)).as("retried watch, within the interval").isEmpty();
    assertThat(requests.refused("GET", LIST)).as("another verb").isPresent();
    now.addAndGet(1);
    assertThat(requests.refused("GET", WATCH)).as("after the interval").isPresent();
  }
}
