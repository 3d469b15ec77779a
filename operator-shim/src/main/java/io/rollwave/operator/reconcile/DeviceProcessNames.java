package io.rollwave.operator.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The names a deployment's DeviceProcess for a device may take, pure. The seed's {@code
 * <deployment>-<device>} ({@code switch-agent-tor1-01}) first, or {@code
 * <deployment>-<kind>-<device>} when devices of two kinds share a name; when that name is taken (by
 * another deployment: {@code app} on device {@code x-sw01} and {@code app-x} on {@code sw01} both
 * want {@code app-x-sw01}) or too long for a Kubernetes name, the same with a hash of the device
 * appended, which no other device of any deployment shares.
 */
public final class DeviceProcessNames {
  /** A DeviceProcess name is a DNS subdomain: at most 253 characters. */
  static final int MAX_NAME = 253;

  private static final int HASH_LENGTH = 8;

  private DeviceProcessNames() {}

  /** The name the seed gives; {@code withKind} when another matching device has the same name. */
  public static String preferred(String deployment, InventoryDevice device, boolean withKind) {
    String name =
        withKind
            ? deployment + "-" + device.kind().toLowerCase(Locale.ROOT) + "-" + device.name()
            : deployment + "-" + device.name();
    return name.length() <= MAX_NAME ? name : hashed(deployment, device);
  }

  /**
   * {@code <deployment>-<device>-<hash of kind/namespace/device>}, cut to fit {@link #MAX_NAME}.
   */
  public static String hashed(String deployment, InventoryDevice device) {
    String suffix = "-" + hashOf(device.kind() + "/" + device.namespace() + "/" + device.name());
    String stem = deployment + "-" + device.name();
    if (stem.length() + suffix.length() > MAX_NAME) {
      stem = stem.substring(0, MAX_NAME - suffix.length());
      // a name must end alphanumeric; a cut may leave a '-' or '.' last
      while (!Character.isLetterOrDigit(stem.charAt(stem.length() - 1))) {
        stem = stem.substring(0, stem.length() - 1);
      }
    }
    return stem + suffix;
  }

  private static String hashOf(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
