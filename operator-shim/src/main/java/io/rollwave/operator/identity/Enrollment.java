package io.rollwave.operator.identity;

import io.rollwave.api.nats.DeviceKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trades a bootstrap token for a device credential (once per token, only for the token's device,
 * only before it expires, only for a device in the inventory), and renews a credential for the key
 * it was issued to while the device is enrolled and not revoked.
 */
public final class Enrollment {
  private static final Logger LOG = LoggerFactory.getLogger(Enrollment.class);
  private static final Pattern USER_KEY = Pattern.compile("U[A-Z2-7]{55}");

  /** The answer: a JWT, or why not. */
  public record Reply(Optional<String> jwt, String refusal) {
    static Reply issued(String jwt) {
      return new Reply(Optional.of(jwt), "");
    }

    static Reply refused(String why) {
      return new Reply(Optional.empty(), why);
    }
  }

  private final DeviceJwts jwts;
  private final Enrollments records;
  private final DeviceInventory inventory;
  private final Duration credentialLifetime;
  private final Clock clock;

  public Enrollment(
      DeviceJwts jwts,
      Enrollments records,
      DeviceInventory inventory,
      Duration credentialLifetime,
      Clock clock) {
    this.jwts = jwts;
    this.records = records;
    this.inventory = inventory;
    this.credentialLifetime = credentialLifetime;
    this.clock = clock;
  }

  public Reply enroll(DeviceKey device, String bootstrapJwt, String userKey) throws IOException {
    Optional<IssuedJwt> token = IssuedJwt.verify(bootstrapJwt, jwts.signingKey());
    Instant now = clock.instant();
    Reply refusal;
    if (token.isEmpty()) {
      refusal = Reply.refused("the token is not one this operator issued");
    } else if (!token.get().name().equals("bootstrap " + device)) {
      refusal = Reply.refused("the token enrolls another device, not " + device);
    } else if (token.get().expiresAt() != 0 && token.get().expiresAt() <= now.getEpochSecond()) {
      refusal =
          Reply.refused(
              "the token expired at "
                  + Instant.ofEpochSecond(token.get().expiresAt())
                  + "; make a new one with rollwave enroll "
                  + device);
    } else if (!USER_KEY.matcher(userKey == null ? "" : userKey).matches()) {
      refusal = Reply.refused("the request names no NATS user public key (U...)");
    } else if (!inventory.exists(device)) {
      refusal = Reply.refused(device + " is not in the inventory");
    } else {
      refusal = null;
    }
    if (refusal != null) {
      LOG.warn("device {}: enrollment refused: {}", device, refusal.refusal());
      return refusal;
    }
    Enrollments.Read read = records.get(device);
    IssuedJwt t = token.get();
    if (read.record().isPresent() && !read.record().get().unused(t.issuedAt(), t.id())) {
      LOG.warn("device {}: enrollment refused: the token was used already", device);
      return Reply.refused(
          "the token was used already; make a new one with rollwave enroll " + device);
    }
    if (!records.put(
        device, new EnrollmentRecord(userKey, t.issuedAt(), t.id(), false), read.revision())) {
      LOG.warn("device {}: enrollment refused: the token was used concurrently", device);
      return Reply.refused(
          "the token was used already; make a new one with rollwave enroll " + device);
    }
    LOG.info(
        "device {}: enrolled, credential for {} valid {}", device, userKey, credentialLifetime);
    return Reply.issued(jwts.device(device, userKey, credentialLifetime, now));
  }

  public Reply renew(DeviceKey device, String userKey) throws IOException {
    Optional<EnrollmentRecord> record = records.get(device).record();
    Reply refusal;
    if (record.isEmpty()) {
      refusal = Reply.refused(device + " is not enrolled");
    } else if (record.get().revoked()) {
      refusal = Reply.refused(device + " was revoked; enroll it again with a new token");
    } else if (!record.get().userKey().equals(userKey)) {
      refusal = Reply.refused("the key is not the one " + device + " enrolled with");
    } else if (!inventory.exists(device)) {
      refusal = Reply.refused(device + " is not in the inventory");
    } else {
      LOG.info("device {}: credential renewed for {}", device, credentialLifetime);
      return Reply.issued(jwts.device(device, userKey, credentialLifetime, clock.instant()));
    }
    LOG.warn("device {}: renewal refused: {}", device, refusal.refusal());
    return refusal;
  }
}
