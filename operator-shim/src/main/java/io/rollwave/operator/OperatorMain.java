package io.rollwave.operator;

import java.util.concurrent.CountDownLatch;

/** {@code rollwave operator}: runs the control plane until the process is stopped. */
public final class OperatorMain {
  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    ControlPlane.sizeCommonPool();
    OperatorConfig config;
    try {
      config = OperatorConfig.fromArgs(args, System.getenv());
    } catch (OperatorConfig.HelpRequested help) {
      System.out.print(OperatorConfig.USAGE);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("rollwave operator: " + e.getMessage());
      System.err.print(OperatorConfig.USAGE);
      System.exit(2);
      return;
    }
    ControlPlane plane;
    try {
      plane = ControlPlane.start(config);
    } catch (java.io.IOException e) { // e.g. NATS refused the TLS handshake: one line says why
      System.err.println("rollwave operator: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  plane.close();
                  stopped.countDown();
                },
                "rollwave-shutdown"));
    stopped.await();
  }
}
