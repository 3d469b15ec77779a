package io.rollwave.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A nats-server configuration file: the listen address, JetStream's store, unless plain text is
 * asked for a TLS block and, for a secured server, the auth block (operator JWT, system account,
 * resolver) as {@link NatsAuth#serverConfig} renders it. Each concern renders its own block.
 */
public record NatsServerConfig(
    int port, Path storeDir, Optional<TlsBlock> tls, Optional<String> auth) {

  /**
   * TLS with the server's certificate and key; with {@code verify} every client must show a
   * certificate signed by {@code caFile} (mutual TLS).
   */
  public record TlsBlock(Path certFile, Path keyFile, Path caFile, boolean verify) {
    String render() {
      return String.join(
          "\n",
          "tls {",
          "  cert_file: " + quoted(certFile),
          "  key_file: " + quoted(keyFile),
          "  ca_file: " + quoted(caFile),
          "  verify: " + verify,
          "  timeout: 5",
          "}");
    }
  }

  public String render() {
    List<String> blocks = new ArrayList<>();
    blocks.add("listen: \"127.0.0.1:" + port + "\"");
    blocks.add("jetstream {\n  store_dir: " + quoted(storeDir) + "\n}");
    tls.ifPresent(t -> blocks.add(t.render()));
    auth.ifPresent(blocks::add);
    return String.join("\n", blocks) + "\n";
  }

  private static String quoted(Path p) {
    return "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
