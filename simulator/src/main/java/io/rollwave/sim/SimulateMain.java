package io.rollwave.sim;

import io.nats.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code rollwave simulate}: a fleet of simulated agents on a real NATS, until stopped. */
public final class SimulateMain {
  private SimulateMain() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(SimulateOptions.USAGE);
      return;
    }
    SimulateOptions options;
    try {
      options = SimulateOptions.parse(Arrays.asList(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("rollwave simulate: " + e.getMessage());
      System.exit(2);
      return;
    }
    Connection nats;
    try {
      nats =
          options
              .nats()
              .connect(
                  options
                      .nats()
                      .options()
                      .connectionName("rollwave-simulator")
                      .maxReconnects(-1)
                      .reconnectWait(Duration.ofMillis(500)));
    } catch (IOException e) {
      System.err.println("rollwave simulate: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (FleetSimulator fleet = new FleetSimulator(nats, options.behaviour())) {
      options.outcomes().forEach(fleet::outcome);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.err.println(
          "rollwave simulate: answering desired state on "
              + options.nats().describe()
              + " ("
              + options.behaviour()
              + ", outcomes "
              + options.outcomes()
              + "); Ctrl-C stops");
      stopped.await();
    } finally {
      nats.close();
    }
  }
}
