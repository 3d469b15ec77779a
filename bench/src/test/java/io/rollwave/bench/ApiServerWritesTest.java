package io.rollwave.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiServerWritesTest {
  private static final String METRICS =
      """
      # HELP apiserver_request_total [STABLE] Counter of apiserver requests
      # TYPE apiserver_request_total counter
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="azure.com",resource="deviceprocesses",scope="resource",subresource="",verb="PATCH",version="v1alpha1"} 1500
      apiserver_request_total{code="422",component="apiserver",dry_run="",group="azure.com",resource="deviceprocesses",scope="resource",subresource="",verb="PATCH",version="v1alpha1"} 2
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="azure.com",resource="deviceprocesses",scope="resource",subresource="status",verb="PATCH",version="v1alpha1"} 3e+03
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="azure.com",resource="deviceprocesses",scope="resource",subresource="",verb="GET",version="v1alpha1"} 999
      apiserver_request_total{code="201",component="apiserver",dry_run="",group="azure.com",resource="deviceprocesses",scope="resource",subresource="",verb="POST",version="v1alpha1"} 1000
      apiserver_request_total{code="201",component="apiserver",dry_run="",group="",resource="events",scope="resource",subresource="",verb="POST",version="v1"} 7
      apiserver_request_duration_seconds_bucket{resource="deviceprocesses",verb="PATCH",le="0.1"} 12
      """;

  @Test
  void countsWritesToOneResourceByVerbAndSubresource() {
    assertThat(ApiServerWrites.of(METRICS, "deviceprocesses"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("PATCH", 1502L, "PATCH status", 3000L, "POST", 1000L));
  }

  @Test
  void countsWritesToEveryOtherResourceByResourceVerbAndSubresource() {
    assertThat(ApiServerWrites.allBut(METRICS, "deviceprocesses"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("events POST", 7L));
    assertThat(ApiServerWrites.allBut(METRICS, "events"))
        .containsEntry("deviceprocesses PATCH status", 3000L)
        .doesNotContainKey("deviceprocesses GET");
  }

  @Test
  void theDeltaLeavesOutWhatDidNotChange() {
    assertThat(
            ApiServerWrites.delta(
                Map.of("PATCH", 10L, "POST", 5L), Map.of("PATCH", 25L, "POST", 5L, "DELETE", 1L)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("PATCH", 15L, "DELETE", 1L));
  }
}
