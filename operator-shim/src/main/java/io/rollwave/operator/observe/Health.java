package io.rollwave.operator.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The operator's liveness and readiness: named checks that parts of the control plane add as they
 * start. Live while every liveness check passes (a loop that stopped fails it); ready once the
 * control plane has started and every readiness check passes (informers synced, NATS and Temporal
 * reachable).
 */
public final class Health {
  /** One check; a check that throws fails, with its message. */
  public record Check(String name, BooleanSupplier passes) {}

  /** The outcome of a set of checks: HTTP 200 when every one passed, 503 naming each failure. */
  public record Report(List<String> failing) {
    public boolean ok() {
      return failing.isEmpty();
    }

    public int httpStatus() {
      return ok() ? 200 : 503;
    }

    public String body() {
      return ok() ? "ok\n" : "failing: " + String.join(", ", failing) + "\n";
    }
  }

  static final String NOT_STARTED = "control plane still starting";

  private final List<Check> liveness = new CopyOnWriteArrayList<>();
  private final List<Check> readiness = new CopyOnWriteArrayList<>();
  private volatile boolean started;

  public void liveness(String name, BooleanSupplier passes) {
    liveness.add(new Check(name, passes));
  }

  public void readiness(String name, BooleanSupplier passes) {
    readiness.add(new Check(name, passes));
  }

  /** Every part of the control plane has started; readiness now depends only on its checks. */
  public void started() {
    started = true;
  }

  public Report live() {
    return evaluate(liveness);
  }

  public Report ready() {
    Report checks = evaluate(readiness);
    if (started) {
      return checks;
    }
    List<String> failing = new ArrayList<>(checks.failing());
    failing.add(0, NOT_STARTED);
    return new Report(List.copyOf(failing));
  }

  static Report evaluate(List<Check> checks) {
    List<String> failing = new ArrayList<>();
    for (Check check : checks) {
      try {
        if (!check.passes().getAsBoolean()) {
          failing.add(check.name());
        }
      } catch (RuntimeException e) {
        failing.add(check.name() + " (" + e.getMessage() + ")");
      }
    }
    return new Report(List.copyOf(failing));
  }
}
