package io.rollwave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rollwave.tls.NatsEndpoint;
import io.rollwave.tls.TlsFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A secured NATS refuses what it must: plain text, a client that does not trust its CA, a server
 * name its certificate does not carry, and (with mutual TLS on) a client without a certificate.
 */
@ExtendWith(RealServers.class)
class NatsTlsIT {
  private static NatsTestServer mutual;
  private static Path otherCa;

  @BeforeAll
  static void servers() {
    Path dir = RepoLayout.targetDir("real-servers").resolve("nats-mutual");
    mutual = NatsTestServer.start(dir, NatsTestServer.Security.MUTUAL_TLS);
    otherCa =
        TestCertificates.in(RepoLayout.targetDir("real-servers").resolve("other-ca")).caFile();
  }

  @AfterAll
  static void stop() {
    if (mutual != null) {
      mutual.close();
    }
  }

  @Test
  void theServerRefusesAPlainTextClient(NatsTestServer nats) throws Exception {
    assertThat(nats.url()).startsWith("tls://");
    try (Socket socket = new Socket("127.0.0.1", nats.port())) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).startsWith("INFO ").contains("\"tls_required\":true");
      OutputStream out = socket.getOutputStream();
      out.write("CONNECT {\"verbose\":false}\r\nPING\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      String answer = in.readLine();
      assertThat(answer).isNotEqualTo("PONG");
      assertThat(answer == null || answer.startsWith("-ERR")).as("answer %s", answer).isTrue();
    }
    Options plain =
        NatsEndpoint.insecure("nats://127.0.0.1:" + nats.port())
            .options()
            .connectionTimeout(Duration.ofSeconds(5))
            .maxReconnects(0)
            .build();
    assertThatThrownBy(() -> Nats.connect(plain).close()).isInstanceOf(Exception.class);
  }

  @Test
  void aClientTrustingAnotherCaFailsWithAClearMessage(NatsTestServer nats) {
    NatsEndpoint wrongCa = NatsEndpoint.withCa(nats.url(), otherCa);
    assertThat(connectFailure(wrongCa))
        .hasMessage(
            "TLS with NATS at "
                + nats.url()
                + " failed: the server's certificate is not signed by the CA in --nats-ca-file "
                + otherCa);
  }

  @Test
  void aServerNameTheCertificateDoesNotCarryIsRefused(NatsTestServer nats) throws Exception {
    NatsEndpoint named =
        new NatsEndpoint(
            nats.url(),
            new TlsFiles(
                "--nats",
                Optional.of(nats.caFile()),
                Optional.empty(),
                Optional.empty(),
                Optional.of("nats.example.org")),
            false);
    assertThat(connectFailure(named).getMessage())
        .contains("does not name the host dialled")
        .contains("--nats-server-name");
    NatsEndpoint localhost =
        new NatsEndpoint(
            nats.url(),
            new TlsFiles(
                "--nats",
                Optional.of(nats.caFile()),
                Optional.empty(),
                Optional.empty(),
                Optional.of("localhost")),
            false);
    try (Connection c = Nats.connect(localhost.options().build())) {
      assertThat(c.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
  }

  @Test
  void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
    NatsEndpoint noCert = NatsEndpoint.withCa(mutual.url(), mutual.caFile());
    assertThat(connectFailure(noCert)).isNotNull();
    try (Connection c = mutual.connect()) {
      c.keyValueManagement().getBucketNames();
      assertThat(c.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
  }

  private static Throwable connectFailure(NatsEndpoint endpoint) {
    Options.Builder options =
        endpoint.options().connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0);
    try (Connection c = endpoint.connect(options)) {
      c.keyValueManagement().getBucketNames();
      throw new AssertionError("connected to " + endpoint.url() + " although it should not");
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      return e;
    }
  }
}
