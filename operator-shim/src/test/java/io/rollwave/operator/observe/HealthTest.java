package io.rollwave.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthTest {
  private static final BooleanSupplier PASS = () -> true;
  private static final BooleanSupplier FAIL = () -> false;
  private static final BooleanSupplier THROW =
      () -> {
        throw new IllegalStateException("connection refused");
      };

  static Stream<Arguments> readiness() {
    return Stream.of(
        Arguments.of("no checks, not started", List.of(), false, 503, List.of(Health.NOT_STARTED)),
        Arguments.of("no checks, started", List.of(), true, 200, List.of()),
        Arguments.of("passing, started", List.of(PASS, PASS), true, 200, List.of()),
        Arguments.of(
            "passing, not started", List.of(PASS), false, 503, List.of(Health.NOT_STARTED)),
        Arguments.of("one failing", List.of(PASS, FAIL), true, 503, List.of("check-1")),
        Arguments.of(
            "one throwing",
            List.of(THROW, PASS),
            true,
            503,
            List.of("check-0 (connection refused)")),
        Arguments.of(
            "all failing, not started",
            List.of(FAIL, FAIL),
            false,
            503,
            List.of(Health.NOT_STARTED, "check-0", "check-1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readiness")
  void readyOnlyOnceStartedAndEveryCheckPasses(
      String name,
      List<BooleanSupplier> checks,
      boolean started,
      int status,
      List<String> failing) {
    Health health = new Health();
    for (int i = 0; i < checks.size(); i++) {
      health.readiness("check-" + i, checks.get(i));
    }
    if (started) {
      health.started();
    }

    Health.Report report = health.ready();

    assertThat(report.httpStatus()).isEqualTo(status);
    assertThat(report.failing()).containsExactlyElementsOf(failing);
  }

  static Stream<Arguments> liveness() {
    return Stream.of(
        Arguments.of("no loops yet", List.of(), 200, "ok\n"),
        Arguments.of("loops running", List.of(PASS, PASS), 200, "ok\n"),
        Arguments.of("a loop stopped", List.of(PASS, FAIL), 503, "failing: check-1\n"),
        Arguments.of(
            "a check that throws", List.of(THROW), 503, "failing: check-0 (connection refused)\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("liveness")
  void liveWhileEveryLoopRunsWhetherOrNotStarted(
      String name, List<BooleanSupplier> checks, int status, String body) {
    Health health = new Health();
    for (int i = 0; i < checks.size(); i++) {
      health.liveness("check-" + i, checks.get(i));
    }

    Health.Report report = health.live();

    assertThat(report.httpStatus()).isEqualTo(status);
    assertThat(report.body()).isEqualTo(body);
  }
}
