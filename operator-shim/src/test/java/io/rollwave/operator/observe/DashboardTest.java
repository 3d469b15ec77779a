package io.rollwave.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DashboardTest {
  /** The Temporal SDK's metrics appear only once a worker polls: ObserveIT checks those. */
  static final String TEMPORAL = "temporal_";

  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of("rollwave_status_backlog", Set.of("rollwave_status_backlog")),
        Arguments.of(
            "sum by (phase) (rollwave_rollouts{phase=\"Paused\"})", Set.of("rollwave_rollouts")),
        Arguments.of(
            "histogram_quantile(0.99, sum by (le) (rate(x_bucket{ns=~\"$namespace\"}[$__rate_interval])))",
            Set.of("x_bucket")),
        Arguments.of("rate(a_sum[5m]) / on (job) rate(b_count[5m])", Set.of("a_sum", "b_count")),
        Arguments.of(
            "label_values(rollwave_deployment_devices{namespace=~\"$namespace\"}, deployment)",
            Set.of("rollwave_deployment_devices")),
        Arguments.of(
            "sum(jvm_memory_used_bytes{area=\"heap\"}) > 0 and up",
            Set.of("jvm_memory_used_bytes", "up")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void findsTheMetricNamesOfAQuery(String promql, Set<String> names) {
    assertThat(Dashboard.metricNames(promql)).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void everyQueryOfTheDashboardNamesAMetricTheOperatorExports() throws Exception {
    Set<String> exported;
    try (Observability observe = ExportedMetrics.populated()) {
      exported = ExportedMetrics.sampleNames(observe.registry().scrape());
    }
    Set<String> read = Dashboard.metricNames();

    assertThat(read).as("metric names the dashboard reads").hasSizeGreaterThan(10);
    Set<String> ours =
        read.stream().filter(n -> !n.startsWith(TEMPORAL)).collect(Collectors.toSet());
    assertThat(exported).as("names the operator exports").containsAll(ours);
    assertThat(families(read))
        .as("every Rollwave metric on the dashboard")
        .containsAll(
            families(exported).stream()
                .filter(n -> n.startsWith("rollwave_"))
                .collect(Collectors.toSet()));
  }

  /** Sample names without the suffixes of a histogram's or counter's samples. */
  private static Set<String> families(Set<String> samples) {
    return samples.stream()
        .map(n -> n.replaceAll("_(bucket|count|sum|max|total)$", ""))
        .collect(Collectors.toSet());
  }
}
