package io.rollwave.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys and certificates as openssl writes them, and each broken file said in one line. */
class PemFilesTest {
  private static Path dir;

  @BeforeAll
  static void files() throws Exception {
    dir = Path.of("target", "pem-files-test").toAbsolutePath();
    run(Path.of("..", "scripts", "nats-tls.sh").toAbsolutePath().toString(), dir.toString());
    run(
        "openssl",
        "genrsa",
        "-traditional",
        "-out",
        dir.resolve("rsa-pkcs1.pem").toString(),
        "2048");
    run(
        "openssl",
        "pkcs8",
        "-topk8",
        "-nocrypt",
        "-in",
        dir.resolve("rsa-pkcs1.pem").toString(),
        "-out",
        dir.resolve("rsa-pkcs8.pem").toString());
    String key = Files.readString(dir.resolve("client-key.pem"));
    Files.writeString(dir.resolve("truncated-key.pem"), key.substring(0, key.length() / 2));
    String cert = Files.readString(dir.resolve("ca.pem"));
    Files.writeString(
        dir.resolve("truncated-cert.pem"),
        cert.substring(0, cert.length() / 2) + "\n-----END CERTIFICATE-----\n");
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
        .as(String.join(" ", command))
        .isTrue();
  }

  @Test
  void readsOpensslsEcAndRsaPkcs8Keys() {
    assertThat(PemFiles.privateKey("--k", dir.resolve("client-key.pem")).getAlgorithm())
        .isEqualTo("EC");
    assertThat(PemFiles.privateKey("--k", dir.resolve("rsa-pkcs8.pem")).getAlgorithm())
        .isEqualTo("RSA");
    assertThat(PemFiles.certificates("--c", dir.resolve("ca.pem"))).hasSize(1);
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of(
            "--nats-key-file",
            "rsa-pkcs1.pem",
            "a RSA PRIVATE KEY, not an unencrypted PKCS#8 key; convert it with: openssl pkcs8"),
        Arguments.of("--nats-key-file", "truncated-key.pem", "no PEM private key in it"),
        Arguments.of("--nats-key-file", "ca.pem", "a CERTIFICATE, not an unencrypted PKCS#8 key"),
        Arguments.of("--nats-ca-file", "truncated-cert.pem", "not a readable PEM certificate"),
        Arguments.of("--nats-ca-file", "client-key.pem", "no PEM certificate in it"));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void aBrokenFileIsOneLineNamingFlagAndFile(String flag, String file, String message) {
    Path path = dir.resolve(file);
    assertThatThrownBy(
            () -> {
              if (flag.endsWith("key-file")) {
                PemFiles.privateKey(flag, path);
              } else {
                PemFiles.certificates(flag, path);
              }
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(flag + " " + path + ": ")
        .hasMessageContaining(message)
        .message()
        .doesNotContain("\n");
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefused() {
    TlsFiles mismatched =
        new TlsFiles(
            "--nats",
            Optional.of(dir.resolve("ca.pem")),
            Optional.of(dir.resolve("client.pem")),
            Optional.of(dir.resolve("rsa-pkcs8.pem")),
            Optional.empty());
    assertThatThrownBy(() -> ClientTls.sslContext(mismatched))
        .hasMessageContaining("give the key that belongs to the certificate");
  }

  @Test
  void endpointsTellTheirFlagsToChildProcesses() {
    NatsEndpoint endpoint = NatsEndpoint.withCa("tls://127.0.0.1:1", dir.resolve("ca.pem"));
    assertThat(endpoint.flags())
        .isEqualTo(
            List.of(
                "--nats", "tls://127.0.0.1:1", "--nats-ca-file", dir.resolve("ca.pem").toString()));
    assertThat(NatsEndpoint.insecure("nats://h:1").flags())
        .containsExactly("--nats", "nats://h:1", "--nats-insecure");
  }
}
