package io.rollwave.operator.identity;

import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.identity.DevicePermissions;
import io.rollwave.api.nats.identity.IdentitySubjects;
import io.rollwave.api.nats.identity.Permissions;
import io.rollwave.api.nats.identity.SimulatorPermissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Issues user JWTs from the account signing key: a device's scoped credential, and the bootstrap
 * user inside an enrollment token (it may only ask to enroll that one device).
 */
public final class DeviceJwts {
  private final NKey accountSigning;
  private final String accountId;

  public DeviceJwts(NKey accountSigning, String accountId) {
    this.accountSigning = accountSigning;
    this.accountId = accountId;
  }

  /** The long-lived credential of {@code device} for the key {@code userKey} the device made. */
  public String device(DeviceKey device, String userKey, Duration lifetime, Instant now) {
    return issue(device.toString(), userKey, DevicePermissions.of(device), lifetime, now);
  }

  /**
   * The credential of simulated agents for every device of {@code namespace} ({@code rollwave
   * demo}): {@link SimulatorPermissions}, no more.
   */
  public String simulator(String namespace, String userKey, Duration lifetime, Instant now) {
    return issue(
        "simulated agents of " + namespace,
        userKey,
        SimulatorPermissions.of(namespace),
        lifetime,
        now);
  }

  /** A bootstrap user of {@code device}: enroll that device, read the answer, nothing else. */
  public String bootstrap(DeviceKey device, String userKey, Duration lifetime, Instant now) {
    return issue(
        "bootstrap " + device,
        userKey,
        new Permissions(
            List.of(IdentitySubjects.enroll(device)),
            List.of(IdentitySubjects.inboxPrefix(device) + ">")),
        lifetime,
        now);
  }

  public String signingKey() {
    try {
      return new String(accountSigning.getPublicKey());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String issue(
      String name, String userKey, Permissions permissions, Duration lifetime, Instant now) {
    JwtUtils.UserClaim claim =
        new JwtUtils.UserClaim(accountId)
            .pub(new JwtUtils.Permission().allow(permissions.publishAllow().toArray(String[]::new)))
            .sub(
                new JwtUtils.Permission()
                    .allow(permissions.subscribeAllow().toArray(String[]::new)));
    try {
      return JwtUtils.issueUserJWT(
          accountSigning, userKey, name, lifetime, now.getEpochSecond(), claim);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot issue the NATS user JWT of " + name, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the NATS user JWT of " + name, e);
    }
  }
}
