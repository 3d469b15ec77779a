package io.rollwave.agent.identity;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * NATS user nkeys with the JDK's own Ed25519 (JDK 15+), so the agent needs no BouncyCastle: decodes
 * a user seed ({@code SU...}), derives nothing it is not given, signs the server's nonce, and makes
 * new key pairs whose private half never leaves the device.
 */
public final class NKeys {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final int PREFIX_SEED = 18 << 3;
  private static final int PREFIX_USER = 20 << 3;
  private static final int KEY_BYTES = 32;

  private NKeys() {}

  /** A user key pair: {@code seed} ({@code SU...}) and {@code publicKey} ({@code U...}). */
  public record UserKey(String seed, String publicKey) {
    @Override
    public String toString() {
      return "UserKey[" + publicKey + "]";
    }
  }

  /** A new user key pair from the JDK's Ed25519 generator. */
  public static UserKey newUser() {
    try {
      var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] priv = pair.getPrivate().getEncoded(); // PKCS#8: the 32-byte seed comes last
      byte[] pub = pair.getPublic().getEncoded(); // X.509: the 32-byte key comes last
      byte[] seed = Arrays.copyOfRange(priv, priv.length - KEY_BYTES, priv.length);
      byte[] key = Arrays.copyOfRange(pub, pub.length - KEY_BYTES, pub.length);
      return new UserKey(encodeSeed(seed), encodePublic(key));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no Ed25519 (JDK 15 or newer needed)", e);
    }
  }

  /** The Ed25519 signature of {@code data} by the user seed {@code seed}. */
  public static byte[] sign(String seed, byte[] data) {
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, rawSeed(seed)));
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the NATS user seed: " + e.getMessage(), e);
    }
  }

  /** The 32 raw bytes of a user seed; a malformed one fails saying what is wrong. */
  static byte[] rawSeed(String seed) {
    byte[] raw = decode(seed.trim());
    if (raw.length != 2 + KEY_BYTES || (raw[0] & 0xff) != (PREFIX_SEED | (PREFIX_USER >> 5))) {
      throw new IllegalArgumentException("not a NATS user seed (SU...)");
    }
    return Arrays.copyOfRange(raw, 2, raw.length);
  }

  /** Whether {@code key} is a well-formed user public key ({@code U...}). */
  public static boolean isUserPublicKey(String key) {
    try {
      byte[] raw = decode(key);
      return raw.length == 1 + KEY_BYTES && (raw[0] & 0xff) == PREFIX_USER;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String encodeSeed(byte[] seed) {
    byte[] raw = new byte[2 + KEY_BYTES];
    raw[0] = (byte) (PREFIX_SEED | (PREFIX_USER >> 5));
    raw[1] = (byte) ((PREFIX_USER & 31) << 3);
    System.arraycopy(seed, 0, raw, 2, KEY_BYTES);
    return encode(raw);
  }

  static String encodePublic(byte[] key) {
    byte[] raw = new byte[1 + KEY_BYTES];
    raw[0] = (byte) PREFIX_USER;
    System.arraycopy(key, 0, raw, 1, KEY_BYTES);
    return encode(raw);
  }

  /** Base32 (no padding) of {@code raw} followed by its CRC-16, little-endian. */
  private static String encode(byte[] raw) {
    int crc = crc16(raw);
    byte[] all = Arrays.copyOf(raw, raw.length + 2);
    all[raw.length] = (byte) crc;
    all[raw.length + 1] = (byte) (crc >>> 8);
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : all) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /** The bytes of an encoded key without its checksum, which must match. */
  private static byte[] decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("not a NATS key: character '" + c + "' is not base32");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >>> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    byte[] all = out.toByteArray();
    if (all.length < 3) {
      throw new IllegalArgumentException("not a NATS key: too short");
    }
    byte[] raw = Arrays.copyOf(all, all.length - 2);
    int crc = (all[all.length - 2] & 0xff) | ((all[all.length - 1] & 0xff) << 8);
    if (crc != crc16(raw)) {
      throw new IllegalArgumentException(
          "not a NATS key: checksum mismatch (truncated or altered)");
    }
    return raw;
  }

  /** CRC-16/XMODEM, as nkeys use. */
  private static int crc16(byte[] bytes) {
    int crc = 0;
    for (byte b : bytes) {
      crc ^= (b & 0xff) << 8;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return crc & 0xffff;
  }
}
