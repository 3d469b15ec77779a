package io.rollwave.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.NKey;
import io.rollwave.agent.AgentConfig;
import io.rollwave.agent.backend.BackendSettings;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.operator.identity.BootstrapTokens;
import io.rollwave.operator.identity.DeviceJwts;
import io.rollwave.tls.NatsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad credentials and tokens fail the agent's start with one line that says what to do, before it
 * touches any process.
 */
class DeviceIdentityTest {
  private static final DeviceKey DEVICE = DeviceKey.parse("NetworkSwitch/ns/tor1-01");
  private static final DeviceKey OTHER = DeviceKey.parse("NetworkSwitch/ns/tor1-02");

  @TempDir Path state;

  static Stream<Arguments> badCredentials() throws Exception {
    String good = goodCredential().text();
    return Stream.of(
            Arguments.of(
                "garbage",
                (UnaryOperator<String>) s -> "not a credential\n",
                "malformed or truncated"),
            Arguments.of(
                "truncated",
                (UnaryOperator<String>) s -> s.substring(0, s.length() / 2),
                "malformed or truncated"),
            Arguments.of(
                "seed cut short",
                (UnaryOperator<String>) s -> s.replaceAll("(SU[A-Z2-7]{20})[A-Z2-7]+", "$1"),
                "checksum"),
            Arguments.of(
                "JWT not base64",
                (UnaryOperator<String>) s -> s.replaceFirst("eyJ[^.]*\\.[^.]*\\.", "eyJ.@@@."),
                "claims are not base64url"))
        .map(
            a ->
                Arguments.of(
                    a.get()[0], ((UnaryOperator<String>) a.get()[1]).apply(good), a.get()[2]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCredentials")
  void aBadCredentialFileFailsWithOneLine(String name, String content, String says)
      throws Exception {
    Files.writeString(state.resolve(DeviceCredential.FILE), content);
    assertThatThrownBy(() -> DeviceIdentity.load(config(Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(says)
        .hasMessageContaining("enroll the device again")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  static Stream<Arguments> badTokens() {
    Instant now = Instant.now();
    return Stream.of(
        Arguments.of(
            "expired",
            tokens().mint(DEVICE, Duration.ofHours(24), now.minus(Duration.ofHours(25))),
            "expired at"),
        Arguments.of(
            "for another device",
            tokens().mint(OTHER, Duration.ofHours(1), now),
            "is for NetworkSwitch/ns/tor1-02, not NetworkSwitch/ns/tor1-01"),
        Arguments.of(
            "truncated",
            tokens().mint(DEVICE, Duration.ofHours(1), now).substring(0, 200),
            "malformed or truncated"),
        Arguments.of("not a token", "hello", "malformed or truncated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void aBadTokenFailsWithOneLine(String name, String token, String says) throws Exception {
    Path file = Files.writeString(state.resolve("token"), token);
    assertThatThrownBy(() -> DeviceIdentity.load(config(Optional.of(file))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(says)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void aStoredCredentialMakesTheTokenIrrelevant(String name, String token, String says)
      throws Exception {
    goodCredential().write(state.resolve(DeviceCredential.FILE));
    Path file = Files.writeString(state.resolve("token"), token);
    DeviceIdentity identity = DeviceIdentity.load(config(Optional.of(file)));
    assertThat(identity.auth()).isPresent();
    assertThat(identity.token()).isEmpty();
  }

  private AgentConfig config(Optional<Path> token) {
    return new AgentConfig(
        DEVICE,
        NatsEndpoint.insecure("nats://127.0.0.1:4222"), // never dialled: only the state dir is read
        state,
        5,
        false,
        AgentConfig.DEFAULT_INITD_ROOT,
        List.of(),
        Optional.empty(),
        BackendSettings.DEFAULT_SYSTEMD_ROOT,
        BackendSettings.DEFAULT_SYSTEMCTL,
        Optional.empty(),
        token);
  }

  private static BootstrapTokens tokens() {
    return new BootstrapTokens(jwts());
  }

  private static DeviceJwts jwts() {
    try {
      NKey account = NKey.createAccount(new SecureRandom());
      return new DeviceJwts(
          NKey.createAccount(new SecureRandom()), new String(account.getPublicKey()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static DeviceCredential goodCredential() throws Exception {
    NKeys.UserKey key = NKeys.newUser();
    return new DeviceCredential(
        jwts().device(DEVICE, key.publicKey(), Duration.ofHours(1), Instant.now()), key.seed());
  }
}
