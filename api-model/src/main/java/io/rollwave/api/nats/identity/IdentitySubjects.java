package io.rollwave.api.nats.identity;

import io.rollwave.api.nats.DeviceKey;
import java.util.Optional;

/**
 * The subjects of device identity: where a device trades its bootstrap token, where it renews its
 * credential, and the inbox prefix that keeps the replies it receives apart from every other
 * client's.
 */
public final class IdentitySubjects {
  /** A device publishes its enrollment request here; the operator answers. */
  public static final String ENROLL_ROOT = "rollwave.enroll";

  /** A device asks for a fresh credential here before its own expires. */
  public static final String RENEW_ROOT = "rollwave.renew";

  /**
   * The operator's record of each device's enrollment (its key, the newest token used, revoked or
   * not); no device may read it.
   */
  public static final String ENROLLMENTS_BUCKET = "rollwave-enrollments";

  /** Inboxes of devices: each device may subscribe only below its own device key. */
  public static final String DEVICE_INBOX_ROOT = "_RW_INBOX";

  private IdentitySubjects() {}

  public static String enroll(DeviceKey device) {
    return ENROLL_ROOT + "." + device.key();
  }

  public static String renew(DeviceKey device) {
    return RENEW_ROOT + "." + device.key();
  }

  /** The inbox prefix of {@code device}'s connections, ending with a dot as jnats wants it. */
  public static String inboxPrefix(DeviceKey device) {
    return DEVICE_INBOX_ROOT + "." + device.key() + ".";
  }

  /** The device a subject below {@code root} names; empty when it names none. */
  public static Optional<DeviceKey> deviceOf(String root, String subject) {
    String prefix = root + ".";
    return subject.startsWith(prefix)
        ? DeviceKey.ofKey(subject.substring(prefix.length()))
        : Optional.empty();
  }
}
