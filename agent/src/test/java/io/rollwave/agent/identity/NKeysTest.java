package io.rollwave.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.NKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JDK-only nkeys agree with jnats' (BouncyCastle) NKey, byte for byte. */
class NKeysTest {
  private static final byte[] NONCE = "nonce-from-nats-server".getBytes(StandardCharsets.UTF_8);

  @Test
  void aNewUserKeyIsTheKeyPairJnatsReadsFromItsSeed() throws Exception {
    NKeys.UserKey key = NKeys.newUser();
    NKey jnats = NKey.fromSeed(key.seed().toCharArray());
    assertThat(new String(jnats.getPublicKey())).isEqualTo(key.publicKey());
    assertThat(NKeys.isUserPublicKey(key.publicKey())).isTrue();
  }

  @Test
  void signsTheNonceAsJnatsDoes() throws Exception {
    NKey jnats = NKey.createUser(null);
    String seed = new String(jnats.getSeed());
    assertThat(NKeys.sign(seed, NONCE)).isEqualTo(jnats.sign(NONCE));
    assertThat(jnats.verify(NONCE, NKeys.sign(seed, NONCE))).isTrue();
  }

  @Test
  void refusesAnAlteredOrTruncatedSeed() throws Exception {
    String seed = new String(NKey.createUser(null).getSeed());
    String altered =
        seed.substring(0, 10) + (seed.charAt(10) == 'A' ? 'B' : 'A') + seed.substring(11);
    assertThatThrownBy(() -> NKeys.rawSeed(altered)).hasMessageContaining("checksum");
    assertThatThrownBy(() -> NKeys.rawSeed(seed.substring(0, 40)))
        .isInstanceOf(IllegalArgumentException.class);
    String account = new String(NKey.createAccount(null).getSeed());
    assertThatThrownBy(() -> NKeys.rawSeed(account)).hasMessageContaining("not a NATS user seed");
  }
}
