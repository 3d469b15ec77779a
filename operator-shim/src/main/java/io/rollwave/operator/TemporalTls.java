package io.rollwave.operator;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.rollwave.tls.ClientTls;
import io.rollwave.tls.TlsFiles;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.KeyManager;

/**
 * How the operator's Temporal client talks to the frontend: plain gRPC (the dev server), TLS, or
 * mutual TLS with a client certificate (as Temporal Cloud asks), with the files read at start.
 */
public record TemporalTls(boolean enabled, TlsFiles files) {
  public static final String FLAG_PREFIX = "--temporal";
  public static final TemporalTls OFF = new TemporalTls(false, TlsFiles.none(FLAG_PREFIX));

  public TemporalTls {
    if (!enabled && files.given()) {
      throw new IllegalArgumentException(
          "--temporal-ca-file, --temporal-cert-file, --temporal-key-file and"
              + " --temporal-server-name need --temporal-tls (or $ROLLWAVE_TEMPORAL_TLS=1)");
    }
    if (enabled) {
      sslContext(files); // a bad file fails here, at start
    }
  }

  /**
   * From flags looked up by name without dashes ({@code temporal-ca-file}; {@code temporal-tls}
   * present or {@code "true"}), each with its environment fallback ({@code ROLLWAVE_TEMPORAL_CA}).
   */
  public static TemporalTls from(Function<String, Optional<String>> flag, Map<String, String> env) {
    Function<String, Optional<String>> or =
        name ->
            flag.apply(name)
                .or(
                    () ->
                        Optional.ofNullable(
                            env.get(
                                "ROLLWAVE_"
                                    + name.replace("-file", "").replace('-', '_').toUpperCase())));
    boolean enabled =
        or.apply("temporal-tls").map(v -> !v.equals("false") && !v.equals("0")).orElse(false);
    TlsFiles files =
        new TlsFiles(
            FLAG_PREFIX,
            or.apply("temporal-ca-file").map(Path::of),
            or.apply("temporal-cert-file").map(Path::of),
            or.apply("temporal-key-file").map(Path::of),
            or.apply("temporal-server-name"));
    return new TemporalTls(enabled, files);
  }

  /** The gRPC TLS context: the CA's (or the JVM's) trust and the client certificate if any. */
  public SslContext sslContext() {
    return sslContext(files);
  }

  private static SslContext sslContext(TlsFiles files) {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forClient().trustManager(ClientTls.trustManagers(files)[0]);
      KeyManager[] keys = ClientTls.keyManagers(files);
      if (keys != null) {
        builder.keyManager(keys[0]);
      }
      return GrpcSslContexts.configure(builder).build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot build the Temporal TLS context: " + e, e);
    }
  }

  /** Applies this to the service stubs' options: TLS context and the server name to check. */
  public WorkflowServiceStubsOptions.Builder apply(WorkflowServiceStubsOptions.Builder options) {
    if (!enabled) {
      return options;
    }
    options.setSslContext(sslContext());
    files
        .serverName()
        .ifPresent(name -> options.setChannelInitializer(c -> c.overrideAuthority(name)));
    return options;
  }

  /** For the log at start. */
  public String describe() {
    if (!enabled) {
      return "plain gRPC (no --temporal-tls)";
    }
    return "TLS"
        + files.caFile().map(ca -> ", trusting the CA in " + ca).orElse(", trusting the JVM's CAs")
        + (files.mutual() ? ", client certificate " + files.certFile().get() : "")
        + files.serverName().map(n -> ", server name " + n).orElse("");
  }
}
