package io.rollwave.tls;

import java.security.cert.CertPathValidatorException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What a failed TLS connection means, in one line that says what to do: the server's certificate is
 * not from the trusted CA, names another host, or the server wants a client certificate.
 */
public final class TlsFailure {
  private TlsFailure() {}

  /** The reason, when {@code failure} (or a cause) is a TLS failure; empty otherwise. */
  public static Optional<String> describe(Throwable failure, NatsEndpoint endpoint) {
    String where = "TLS with NATS at " + endpoint.url() + " failed: ";
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof CertPathValidatorException || message.contains("PKIX path")) {
        return Optional.of(
            where
                + "the server's certificate is not signed by "
                + endpoint
                    .tls()
                    .caFile()
                    .map(ca -> "the CA in --nats-ca-file " + ca)
                    .orElse("a CA the JVM trusts (give --nats-ca-file)"));
      }
      if ((message.contains("No subject alternative") || message.contains("No name matching"))) {
        return Optional.of(
            where
                + "the server's certificate does not name the host dialled ("
                + message
                + "); set --nats-server-name to a name it carries, or dial that name");
      }
      if (t instanceof SSLException
          && (message.contains("bad_certificate") || message.contains("certificate_required"))) {
        return Optional.of(
            where
                + "the server refused this client's certificate or wants one (mutual TLS): give"
                + " --nats-cert-file and --nats-key-file signed by a CA the server trusts");
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return Optional.of(where + t.getMessage());
      }
    }
    return Optional.empty();
  }
}
