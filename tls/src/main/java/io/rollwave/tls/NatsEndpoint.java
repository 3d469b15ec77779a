package io.rollwave.tls;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Where and how a Rollwave client reaches NATS: the URL and its TLS files. TLS is on unless plain
 * text is asked for by name ({@code --nats-insecure} or {@code ROLLWAVE_INSECURE_NATS=1}); a {@code
 * nats://} URL with neither a CA file nor that opt-in is refused at start.
 */
public record NatsEndpoint(String url, TlsFiles tls, boolean insecure) {
  public static final String DEFAULT_URL = "tls://localhost:4222";
  public static final String FLAG_PREFIX = "--nats";

  /** The flags every NATS client takes, for its usage text. */
  public static final String USAGE =
      """
        --nats URL                 NATS server (default: $NATS_URL or tls://localhost:4222)
        --nats-ca-file PEM         the CA that signed the NATS server's certificate
                                   (default: $ROLLWAVE_NATS_CA, else the JVM's CAs)
        --nats-cert-file PEM       client certificate for mutual TLS ($ROLLWAVE_NATS_CERT)
        --nats-key-file PEM        its PKCS#8 private key ($ROLLWAVE_NATS_KEY)
        --nats-server-name NAME    the name the server's certificate must carry when it is not
                                   the URL's host ($ROLLWAVE_NATS_SERVER_NAME)
        --nats-insecure            plain text, no TLS: development only ($ROLLWAVE_INSECURE_NATS=1)
      """;

  public NatsEndpoint {
    if (!url.matches("^(nats|tls)://[^\\s]+$")) {
      throw new IllegalArgumentException(
          "--nats must be a URL such as tls://host:4222, got '" + url + "'");
    }
    if (insecure && (tls.given() || url.startsWith("tls://"))) {
      throw new IllegalArgumentException(
          "--nats-insecure asks for plain text but TLS was asked for too (a tls:// URL or a"
              + " --nats-*-file): drop one of them");
    }
    if (!insecure && !tls.given() && url.startsWith("nats://")) {
      throw new IllegalArgumentException(
          "NATS at "
              + url
              + " has no TLS: give --nats-ca-file with the CA that signed the server's certificate,"
              + " or a tls:// URL for a publicly trusted one; plain text only with --nats-insecure"
              + " (development only)");
    }
    if (!insecure) {
      ClientTls.sslContext(tls); // a bad file fails here, at start
    }
  }

  /**
   * From flags looked up by name without dashes ({@code nats-ca-file}; {@code nats-insecure} is
   * present or {@code "true"}), each falling back to its environment variable.
   */
  public static NatsEndpoint from(
      Function<String, Optional<String>> flag, Map<String, String> env) {
    Function<String, Optional<String>> or =
        name -> flag.apply(name).or(() -> Optional.ofNullable(env.get(envName(name))));
    String url = or.apply("nats").orElse(DEFAULT_URL);
    boolean insecure =
        flag.apply("nats-insecure").map(v -> !v.equals("false")).orElse(false)
            || "1".equals(env.get("ROLLWAVE_INSECURE_NATS"))
            || "true".equals(env.get("ROLLWAVE_INSECURE_NATS"));
    TlsFiles files =
        new TlsFiles(
            FLAG_PREFIX,
            or.apply("nats-ca-file").map(NatsEndpoint::absolute),
            or.apply("nats-cert-file").map(NatsEndpoint::absolute),
            or.apply("nats-key-file").map(NatsEndpoint::absolute),
            or.apply("nats-server-name"));
    return new NatsEndpoint(url, files, insecure);
  }

  /** TLS with the CA in {@code caFile}, as tests and tools that know their server use it. */
  public static NatsEndpoint withCa(String url, Path caFile) {
    return new NatsEndpoint(
        url,
        new TlsFiles(
            FLAG_PREFIX, Optional.of(caFile), Optional.empty(), Optional.empty(), Optional.empty()),
        false);
  }

  /** Plain text, said by name. */
  public static NatsEndpoint insecure(String url) {
    return new NatsEndpoint(url, TlsFiles.none(FLAG_PREFIX), true);
  }

  /** jnats options for this endpoint; callers add their name, listeners and reconnect policy. */
  public Options.Builder options() {
    Options.Builder builder = new Options.Builder().server(url);
    if (!insecure) {
      builder.sslContext(sslContext());
    }
    return builder;
  }

  /**
   * Connects once with {@code options} (from {@link #options()}); a TLS failure comes back as an
   * IOException whose message is one line saying what to do.
   */
  public Connection connect(Options.Builder options) throws IOException, InterruptedException {
    TlsFailureListener tls = new TlsFailureListener(this, line -> {});
    try {
      return Nats.connect(options.errorListener(tls).build());
    } catch (IOException e) {
      throw new IOException(tls.lastFailure().orElse(e.getMessage()), e);
    }
  }

  /** The flags that give a child process (agent, operator, simulator) this endpoint. */
  public List<String> flags() {
    List<String> flags = new ArrayList<>(List.of("--nats", url));
    if (insecure) {
      flags.add("--nats-insecure");
    }
    tls.caFile().ifPresent(f -> flags.addAll(List.of("--nats-ca-file", f.toString())));
    tls.certFile().ifPresent(f -> flags.addAll(List.of("--nats-cert-file", f.toString())));
    tls.keyFile().ifPresent(f -> flags.addAll(List.of("--nats-key-file", f.toString())));
    tls.serverName().ifPresent(n -> flags.addAll(List.of("--nats-server-name", n)));
    return flags;
  }

  public SSLContext sslContext() {
    return ClientTls.sslContext(tls);
  }

  /** One line for the log at start: how this client talks to NATS. */
  public String describe() {
    if (insecure) {
      return "NATS WITHOUT TLS at "
          + url
          + " (--nats-insecure): anyone on the network can read and forge desired state and status;"
          + " development only";
    }
    return "NATS over TLS at "
        + url
        + tls.caFile().map(ca -> ", trusting the CA in " + ca).orElse(", trusting the JVM's CAs")
        + (tls.mutual() ? ", client certificate " + tls.certFile().get() : "");
  }

  private static String envName(String flag) {
    return switch (flag) {
      case "nats" -> "NATS_URL";
      case "nats-ca-file" -> "ROLLWAVE_NATS_CA";
      case "nats-cert-file" -> "ROLLWAVE_NATS_CERT";
      case "nats-key-file" -> "ROLLWAVE_NATS_KEY";
      case "nats-server-name" -> "ROLLWAVE_NATS_SERVER_NAME";
      default -> throw new IllegalArgumentException("no environment variable for " + flag);
    };
  }

  private static Path absolute(String file) {
    return Path.of(file).toAbsolutePath();
  }
}
