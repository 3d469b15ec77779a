package io.rollwave.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The operator of a kill sweep: one process at a time, started through the launcher; {@link
 * #killAndRestart} SIGKILLs it and starts the next, recording the point it was killed at.
 */
final class OperatorKills implements AutoCloseable {
  private final IntFunction<Launched> starter;
  private final List<String> points = new ArrayList<>();
  private Launched running;

  /** {@code starter} starts incarnation n (0, 1, ...) of the operator. */
  OperatorKills(IntFunction<Launched> starter) {
    this.starter = starter;
    this.running = starter.apply(0);
  }

  /** SIGKILLs the running operator at {@code point} (what just happened), then starts another. */
  void killAndRestart(String point) throws InterruptedException {
    running.kill();
    if (running.isAlive()) {
      throw new IllegalStateException(running + " survived SIGKILL");
    }
    points.add(point);
    running = starter.apply(points.size());
  }

  int kills() {
    return points.size();
  }

  /** The points killed at, by kind ("patched", "phase Paused/StepPause", ...) with how many. */
  Map<String, Long> pointsByKind() {
    return points.stream()
        .collect(Collectors.groupingBy(OperatorKills::kind, TreeMap::new, Collectors.counting()));
  }

  List<String> points() {
    return List.copyOf(points);
  }

  /**
   * A point without its stage and device: "v2: patched switch-agent-sw-03 -> 7c9f" is "patched".
   */
  static String kind(String point) {
    String what = point.substring(point.indexOf(": ") + 2);
    return what.startsWith("patched ") || what.startsWith("created ") ? what.split(" ")[0] : what;
  }

  @Override
  public void close() throws InterruptedException {
    running.close();
  }
}
