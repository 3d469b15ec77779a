package io.rollwave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real nats-server with JetStream on a free loopback port. {@link #restart()} brings it back on
 * the same port and store, as a NATS restart in production would.
 */
public final class NatsTestServer implements AutoCloseable {
  private final int port;
  private final Path storeDir;
  private final Path logDir;
  private ServerProcess process;
  private int starts;

  private NatsTestServer(int port, Path storeDir, Path logDir) {
    this.port = port;
    this.storeDir = storeDir;
    this.logDir = logDir;
  }

  public static NatsTestServer start(Path workDir) {
    try {
      Path store = workDir.resolve("nats-store");
      deleteTree(store);
      Files.createDirectories(store);
      NatsTestServer server = new NatsTestServer(FreePorts.next(), store, workDir);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A run starts from an empty JetStream store, whatever an earlier run left. */
  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void launch() {
    starts++;
    process =
        ServerProcess.start(
            "nats-server",
            List.of(
                RepoLayout.binary("nats-server").toString(),
                "-a",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-js",
                "-sd",
                storeDir.toString()),
            logDir.resolve("nats-server-" + starts + ".log"));
    process.awaitPort(port, Duration.ofSeconds(30));
  }

  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the server and starts it again on the same port with the same JetStream store. */
  public void restart() {
    process.close();
    launch();
  }

  /** Stops the server, keeping its store, until {@link #resume()}. */
  public void stop() {
    process.close();
  }

  public void resume() {
    if (!process.isAlive()) {
      launch();
    }
  }

  public Path logDir() {
    return logDir;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
