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

  /** Set in secured mode: the operator, accounts and resolver the server trusts. */
  private final Optional<NatsAuth> auth;

  private final Optional<String> authBlock;

  private NatsTestServer(
      int port,
      Path storeDir,
      Path logDir,
      TestCertificates tls,
      Security security,
      Optional<NatsAuth> auth,
      Optional<String> authBlock) {
    this.port = port;
    this.storeDir = storeDir;
    this.logDir = logDir;
    this.tls = tls;
    this.security = security;
    this.auth = auth;
    this.authBlock = authBlock;
  }

  /** With TLS. */
  public static NatsTestServer start(Path workDir) {
    return start(workDir, Security.TLS);
  }

  /** Open to any client, with the transport {@code security} names. */
  public static NatsTestServer start(Path workDir, Security security) {
    return start(workDir, security, Optional.empty());
  }

  /**
   * A server over TLS that refuses every client without a user JWT of its operator's Rollwave
   * account (decentralized auth, full resolver), the JWTs generated here; {@link #auth()} mints
   * users.
   */
  public static NatsTestServer startSecured(Path workDir) {
    return start(workDir, Security.TLS, Optional.of(NatsAuth.generate()));
  }

  private static NatsTestServer start(Path workDir, Security security, Optional<NatsAuth> auth) {
    try {
      Path store = workDir.resolve("nats-store");
      deleteTree(store);
      Files.createDirectories(store);
      Optional<String> authBlock = Optional.empty();
      if (auth.isPresent()) {
        Path authDir = workDir.resolve("nats-auth");
        deleteTree(authDir);
        Files.createDirectories(authDir);
        authBlock = Optional.of(auth.get().serverConfig(authDir));
      }
      TestCertificates tls = new TestCertificates(workDir.resolve("nats-tls"));
      if (security != Security.PLAIN_TEXT) {
        tls = TestCertificates.in(tls.dir());
      }
      NatsTestServer server =
          new NatsTestServer(FreePorts.next(), store, workDir, tls, security, auth, authBlock);
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
    return new NatsServerConfig(port, storeDir, block, authBlock);
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
