package io.rollwave.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PEM files of one TLS client: the CA that signed the server's certificate (absent: the JVM's
 * CAs), the client's own certificate and key for mutual TLS (both or neither), and the name the
 * server's certificate must carry when it is not the host the client dials.
 *
 * @param flagPrefix what errors call the flags, e.g. {@code --nats} for {@code --nats-ca-file}
 */
public record TlsFiles(
    String flagPrefix,
    Optional<Path> caFile,
    Optional<Path> certFile,
    Optional<Path> keyFile,
    Optional<String> serverName) {

  public TlsFiles {
    certFile.ifPresent(f -> requireReadable(flagPrefix + "-cert-file", f));
    keyFile.ifPresent(f -> requireReadable(flagPrefix + "-key-file", f));
    caFile.ifPresent(f -> requireReadable(flagPrefix + "-ca-file", f));
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException(
          flagPrefix
              + "-cert-file and "
              + flagPrefix
              + "-key-file go together (mutual TLS needs both); got only "
              + (certFile.isPresent() ? flagPrefix + "-cert-file" : flagPrefix + "-key-file"));
    }
    serverName.ifPresent(
        n -> {
          if (!n.matches("^[A-Za-z0-9.:-]+$")) {
            throw new IllegalArgumentException(
                flagPrefix + "-server-name must be a host name, got '" + n + "'");
          }
        });
  }

  /** No file: the JVM's CAs, no client certificate. */
  public static TlsFiles none(String flagPrefix) {
    return new TlsFiles(
        flagPrefix, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether any file or name was given. */
  public boolean given() {
    return caFile.isPresent() || certFile.isPresent() || serverName.isPresent();
  }

  /** Whether the client shows a certificate of its own. */
  public boolean mutual() {
    return certFile.isPresent();
  }

  private static void requireReadable(String flag, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(flag + " " + file + ": no readable file there");
    }
  }
}
