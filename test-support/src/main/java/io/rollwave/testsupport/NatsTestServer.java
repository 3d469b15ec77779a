package io.rollwave.testsupport;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rollwave.tls.NatsEndpoint;
import io.rollwave.tls.TlsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real nats-server with JetStream on a free loopback port, with TLS by default: its CA, server
 * and client certificates are made for each test run by {@code scripts/nats-tls.sh}. {@link
 * #restart()} brings it back on the same port and store, as a NATS restart in production would.
 */
public final class NatsTestServer implements AutoCloseable {
  /** How clients reach the server. */
  public enum Security {
    /** TLS; the server shows its certificate, clients show none. The default. */
    TLS,
    /** TLS, and every client must show a certificate from the test CA ({@code verify: true}). */
    MUTUAL_TLS,
    /** No TLS at all: only for a test that needs plain text. */
    PLAIN_TEXT
  }

  private final int port;
  private final Path storeDir;
  private final Path logDir;
  private final TestCertificates tls;
  private final Security security;
  private ServerProcess process;
  private int starts;

  private NatsTestServer(
      int port, Path storeDir, Path logDir, TestCertificates tls, Security security) {
    this.port = port;
    this.storeDir = storeDir;
    this.logDir = logDir;
    this.tls = tls;
    this.security = security;
  }

  /** With TLS. */
  public static NatsTestServer start(Path workDir) {
    return start(workDir, Security.TLS);
  }

  public static NatsTestServer start(Path workDir, Security security) {
    try {
      Path store = workDir.resolve("nats-store");
      deleteTree(store);
      Files.createDirectories(store);
      TestCertificates tls = new TestCertificates(workDir.resolve("nats-tls"));
      if (security != Security.PLAIN_TEXT) {
        tls = TestCertificates.in(tls.dir());
      }
      NatsTestServer server = new NatsTestServer(FreePorts.next(), store, workDir, tls, security);
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

  private NatsServerConfig config() {
    Optional<NatsServerConfig.TlsBlock> block =
        security == Security.PLAIN_TEXT
            ? Optional.empty()
            : Optional.of(
                new NatsServerConfig.TlsBlock(
                    tls.serverCertFile(),
                    tls.serverKeyFile(),
                    caFile(),
                    security == Security.MUTUAL_TLS));
    return new NatsServerConfig(port, storeDir, block);
  }

  private void launch() {
    starts++;
    Path conf = logDir.resolve("nats-server-" + port + ".conf");
    try {
      Files.writeString(conf, config().render());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process =
        ServerProcess.start(
            "nats-server",
            List.of(RepoLayout.binary("nats-server").toString(), "-c", conf.toString()),
            logDir.resolve("nats-server-" + starts + ".log"));
    process.awaitPort(port, Duration.ofSeconds(30));
  }

  /** {@code tls://127.0.0.1:PORT}, or {@code nats://} for a plain-text server. */
  public String url() {
    return (security == Security.PLAIN_TEXT ? "nats://" : "tls://") + "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Security security() {
    return security;
  }

  /** The CA that signed the server's certificate (and the client certificate). */
  public Path caFile() {
    return tls.caFile();
  }

  /** A client certificate from the test CA, for mutual TLS. */
  public Path clientCertFile() {
    return tls.clientCertFile();
  }

  public Path clientKeyFile() {
    return tls.clientKeyFile();
  }

  /** How a client reaches this server: TLS with its CA (and the client certificate if mutual). */
  public NatsEndpoint endpoint() {
    return switch (security) {
      case PLAIN_TEXT -> NatsEndpoint.insecure(url());
      case TLS -> NatsEndpoint.withCa(url(), caFile());
      case MUTUAL_TLS ->
          new NatsEndpoint(
              url(),
              new TlsFiles(
                  NatsEndpoint.FLAG_PREFIX,
                  Optional.of(caFile()),
                  Optional.of(clientCertFile()),
                  Optional.of(clientKeyFile()),
                  Optional.empty()),
              false);
    };
  }

  /** jnats options reaching this server, to which a test adds its own settings. */
  public Options.Builder options() {
    return endpoint().options();
  }

  /** A connection to this server, with TLS as the server asks. */
  public Connection connect() throws IOException, InterruptedException {
    return Nats.connect(options().build());
  }

  /** The command-line flags of a Rollwave client (agent, operator, simulator) for this server. */
  public List<String> clientFlags() {
    return endpoint().flags();
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
