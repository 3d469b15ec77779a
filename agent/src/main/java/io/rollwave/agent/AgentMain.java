package io.rollwave.agent;

import java.util.concurrent.CountDownLatch;

/** {@code rollwave agent}: runs one device's agent until the process is stopped. */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) throws Exception {
    AgentConfig config;
    try {
      config = AgentConfig.fromArgs(args);
    } catch (AgentConfig.HelpRequested help) {
      System.out.print(AgentConfig.USAGE);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("rollwave agent: " + e.getMessage());
      System.err.print(AgentConfig.USAGE);
      System.exit(2);
      return;
    }
    Agent agent;
    try {
      agent = new Agent(config);
    } catch (IllegalArgumentException e) { // e.g. a --ca-file without a certificate
      System.err.println("rollwave agent: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      agent.start();
    } catch (IllegalArgumentException e) { // e.g. the operator refused the enrollment token
      System.err.println("rollwave agent: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    agent.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  stopped.countDown();
                },
                "agent-shutdown"));
    stopped.await();
  }
}
