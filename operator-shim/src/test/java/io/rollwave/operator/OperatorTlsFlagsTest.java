package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The operator's NATS and Temporal TLS flags: what they build, and each mistake said at start. */
class OperatorTlsFlagsTest {
  private static TestCertificates certs;
  private static Path notPem;

  @BeforeAll
  static void files() throws Exception {
    certs = TestCertificates.in(RepoLayout.targetDir("operator-tls-flags"));
    notPem = certs.dir().resolve("not-a-cert.pem");
    Files.writeString(notPem, "hello\n");
  }

  @Test
  void temporalMutualTlsAsTemporalCloudAsksBuildsAGrpcTlsContext() {
    OperatorConfig c =
        OperatorConfig.fromArgs(
            new String[] {
              "--temporal",
              "ns.acct.tmprl.cloud:7233",
              "--temporal-tls",
              "--temporal-ca-file",
              certs.caFile().toString(),
              "--temporal-cert-file",
              certs.clientCertFile().toString(),
              "--temporal-key-file",
              certs.clientKeyFile().toString(),
              "--temporal-server-name",
              "localhost"
            },
            Map.of());
    assertThat(c.temporalTls().enabled()).isTrue();
    assertThat(c.temporalTls().files().mutual()).isTrue();
    assertThat(c.temporalTls().sslContext().isClient()).isTrue();
    assertThat(c.temporalTls().describe())
        .contains("TLS", certs.caFile().toString(), certs.clientCertFile().toString(), "localhost");
  }

  @Test
  void temporalTlsFromTheEnvironment() {
    OperatorConfig c =
        OperatorConfig.fromArgs(
            new String[0],
            Map.of(
                "ROLLWAVE_TEMPORAL_TLS", "1", "ROLLWAVE_TEMPORAL_CA", certs.caFile().toString()));
    assertThat(c.temporalTls().enabled()).isTrue();
    assertThat(c.temporalTls().files().caFile()).hasValue(certs.caFile());
  }

  @Test
  void natsTlsFlags() {
    OperatorConfig c =
        OperatorConfig.fromArgs(
            new String[] {
              "--nats", "nats://127.0.0.1:4222",
              "--nats-ca-file", certs.caFile().toString(),
              "--nats-cert-file", certs.clientCertFile().toString(),
              "--nats-key-file", certs.clientKeyFile().toString()
            },
            Map.of());
    assertThat(c.nats().insecure()).isFalse();
    assertThat(c.nats().tls().mutual()).isTrue();
    assertThat(c.nats().options().build().getSslContext()).isNotNull();
    assertThat(
            OperatorConfig.fromArgs(
                    new String[] {"--nats", "nats://127.0.0.1:4222", "--nats-insecure"}, Map.of())
                .nats()
                .options()
                .build()
                .getSslContext())
        .as("plain text only when asked by name")
        .isNull();
  }

  static Stream<Arguments> mistakes() {
    String ca = certs.caFile().toString();
    String cert = certs.clientCertFile().toString();
    String key = certs.clientKeyFile().toString();
    return Stream.of(
        Arguments.of(new String[] {"--nats", "nats://h:4222"}, "has no TLS: give --nats-ca-file"),
        Arguments.of(
            new String[] {"--nats", "tls://h:4222", "--nats-insecure"},
            "--nats-insecure asks for plain text but TLS was asked for too"),
        Arguments.of(new String[] {"--nats-ca-file", "/no/such/ca.pem"}, "--nats-ca-file /no/such"),
        Arguments.of(
            new String[] {"--nats-ca-file", notPem.toString()},
            "--nats-ca-file " + notPem + ": no PEM certificate in it"),
        Arguments.of(
            new String[] {"--nats-ca-file", ca, "--nats-cert-file", cert},
            "--nats-cert-file and --nats-key-file go together"),
        Arguments.of(
            new String[] {"--nats-ca-file", ca, "--nats-cert-file", cert, "--nats-key-file", cert},
            "--nats-key-file " + cert + ": a CERTIFICATE, not an unencrypted PKCS#8 key"),
        Arguments.of(
            new String[] {"--nats-ca-file", ca, "--nats-cert-file", key, "--nats-key-file", key},
            "--nats-cert-file " + key + ": no PEM certificate in it"),
        Arguments.of(
            new String[] {"--temporal-ca-file", ca},
            "--temporal-ca-file, --temporal-cert-file, --temporal-key-file and"
                + " --temporal-server-name need --temporal-tls"),
        Arguments.of(
            new String[] {"--temporal-tls", "--temporal-ca-file", notPem.toString()},
            "--temporal-ca-file " + notPem + ": no PEM certificate in it"),
        Arguments.of(
            new String[] {"--temporal-tls", "--temporal-key-file", key},
            "--temporal-cert-file and --temporal-key-file go together"),
        Arguments.of(
            new String[] {"--temporal-tls", "--temporal-server-name", "a b"},
            "--temporal-server-name must be a host name"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void eachMistakeIsOneLineNamingTheFlag(String[] args, String message) {
    assertThatThrownBy(() -> OperatorConfig.fromArgs(args, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .message()
        .doesNotContain("\n");
  }
}
