package io.rollwave.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A CA with a server certificate (localhost, 127.0.0.1) and a client certificate, made by {@code
 * scripts/nats-tls.sh} as dev-env makes them; kept in {@code dir} while valid.
 */
public record TestCertificates(Path dir) {
  public static TestCertificates in(Path dir) {
    Commands.run(
        List.of(RepoLayout.find().root().resolve("scripts/nats-tls.sh").toString(), dir.toString()),
        Duration.ofSeconds(60));
    return new TestCertificates(dir);
  }

  public Path caFile() {
    return dir.resolve("ca.pem");
  }

  public Path serverCertFile() {
    return dir.resolve("server.pem");
  }

  public Path serverKeyFile() {
    return dir.resolve("server-key.pem");
  }

  public Path clientCertFile() {
    return dir.resolve("client.pem");
  }

  public Path clientKeyFile() {
    return dir.resolve("client-key.pem");
  }
}
