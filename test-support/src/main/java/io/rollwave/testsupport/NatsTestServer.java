package io.rollwave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

  /** Set in secured mode: the operator, accounts and resolver the server trusts. */
  private final Optional<NatsAuth> auth;

  private final Optional<Path> authConfig;

  private NatsTestServer(
      int port, Path storeDir, Path logDir, Optional<NatsAuth> auth, Optional<Path> authConfig) {
    this.port = port;
    this.storeDir = storeDir;
    this.logDir = logDir;
    this.auth = auth;
    this.authConfig = authConfig;
  }

  public static NatsTestServer start(Path workDir) {
    return start(workDir, Optional.empty());
  }

  /**
   * A server that refuses every client without a user JWT of its operator's Rollwave account
   * (decentralized auth, full resolver), the JWTs generated here; {@link #auth()} mints users.
   */
  public static NatsTestServer startSecured(Path workDir) {
    return start(workDir, Optional.of(NatsAuth.generate()));
  }

  private static NatsTestServer start(Path workDir, Optional<NatsAuth> auth) {
    try {
      Path store = workDir.resolve("nats-store");
      deleteTree(store);
      Files.createDirectories(store);
      Optional<Path> config = Optional.empty();
      if (auth.isPresent()) {
        Path authDir = workDir.resolve("nats-auth");
        deleteTree(authDir);
        Files.createDirectories(authDir);
        config =
            Optional.of(
                Files.writeString(authDir.resolve("auth.conf"), auth.get().serverConfig(authDir)));
      }
      NatsTestServer server = new NatsTestServer(FreePorts.next(), store, workDir, auth, config);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator and accounts of a secured server; empty for an open one. */
  public Optional<NatsAuth> auth() {
    return auth;
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
    List<String> command = new ArrayList<>();
    authConfig.ifPresent(config -> command.addAll(List.of("-c", config.toString())));
    process =
        ServerProcess.start(
            "nats-server",
            Stream.concat(
                    Stream.of(
                        RepoLayout.binary("nats-server").toString(),
                        "-a",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-js",
                        "-sd",
                        storeDir.toString()),
                    command.stream())
                .toList(),
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
