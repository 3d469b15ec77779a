package io.rollwave.operator.identity;

import io.nats.client.NKey;
import io.rollwave.api.nats.DeviceKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Enrollment tokens: {@code rwt1.<base64url(bootstrap user JWT \n seed)>}. The bootstrap user may
 * only publish the enrollment request of its one device, and expires with the token (default 24 h);
 * {@link Enrollment} accepts each token once.
 */
public final class BootstrapTokens {
  public static final String PREFIX = "rwt1.";
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DeviceJwts jwts;

  public BootstrapTokens(DeviceJwts jwts) {
    this.jwts = jwts;
  }

  public String mint(DeviceKey device, Duration lifetime, Instant now) {
    try {
      NKey user = NKey.createUser(RANDOM);
      String jwt = jwts.bootstrap(device, new String(user.getPublicKey()), lifetime, now);
      String body = jwt + "\n" + new String(user.getSeed());
      return PREFIX
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a bootstrap key: " + e.getMessage(), e);
    }
  }
}
