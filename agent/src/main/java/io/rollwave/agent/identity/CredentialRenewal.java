package io.rollwave.agent.identity;

import io.nats.client.Connection;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.identity.IdentitySubjects;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the device's credential when two thirds of its life are over: asks the operator for a new
 * JWT for the same key, stores it, and reconnects with it. Only the NATS connection moves: the
 * processes the agent runs never notice.
 */
public final class CredentialRenewal {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialRenewal.class);
  private static final Duration MIN_RETRY = Duration.ofSeconds(1);

  private final DeviceKey device;
  private final CredentialAuth auth;
  private final Path file;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private volatile Connection connection;

  public CredentialRenewal(
      DeviceKey device,
      CredentialAuth auth,
      Path file,
      ScheduledExecutorService timer,
      Clock clock) {
    this.device = device;
    this.auth = auth;
    this.file = file;
    this.timer = timer;
    this.clock = clock;
  }

  /** Schedules the first renewal; none for a credential that never expires. */
  public void start(Connection nats) {
    this.connection = nats;
    schedule();
  }

  /** Two thirds into the current credential's life (at once if that has passed). */
  Duration nextIn() {
    DeviceCredential current = auth.current();
    long issued = current.issuedAt();
    long expires = current.expiresAt();
    long renewAtMillis = (issued * 1000) + (expires - issued) * 2000 / 3;
    return Duration.ofMillis(Math.max(0, renewAtMillis - clock.millis()));
  }

  private void schedule() {
    if (auth.current().expiresAt() == 0) {
      return;
    }
    timer.schedule(this::renew, nextIn().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void renew() {
    DeviceCredential current = auth.current();
    try {
      String jwt =
          IdentityRequests.request(
              connection,
              IdentitySubjects.renew(device),
              IdentityRequests.json("publicKey", current.publicKey()),
              current.publicKey());
      DeviceCredential renewed = current.withJwt(jwt);
      renewed.write(file);
      auth.use(renewed);
      LOG.info(
          "device {}: NATS credential renewed, valid until {}; reconnecting with it",
          device,
          java.time.Instant.ofEpochSecond(renewed.expiresAt()));
      connection.forceReconnect();
      schedule();
    } catch (IdentityRequests.Refused refused) {
      LOG.error(
          "device {}: credential renewal refused by the operator: {}; it stops working at {}",
          device,
          refused.getMessage(),
          java.time.Instant.ofEpochSecond(current.expiresAt()));
    } catch (IOException e) {
      Duration retry = MIN_RETRY.plus(nextInRemaining(current).dividedBy(10));
      LOG.warn(
          "device {}: credential not renewed yet ({}); retrying in {} s",
          device,
          e.getMessage(),
          retry.toSeconds());
      timer.schedule(this::renew, retry.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Duration nextInRemaining(DeviceCredential current) {
    return Duration.ofMillis(Math.max(0, current.expiresAt() * 1000 - clock.millis()));
  }
}
