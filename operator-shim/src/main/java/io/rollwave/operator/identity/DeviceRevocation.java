package io.rollwave.operator.identity;

import io.rollwave.api.nats.DeviceKey;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a device's credential: marks its enrollment revoked (no renewal) and revokes its key in the
 * account JWT, which closes its open connection. Idempotent: revoking again re-pushes the same.
 */
public final class DeviceRevocation {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceRevocation.class);

  private final Enrollments records;
  private final AccountRevocations account;
  private final Clock clock;

  public DeviceRevocation(Enrollments records, AccountRevocations account, Clock clock) {
    this.records = records;
    this.account = account;
    this.clock = clock;
  }

  /** Revokes {@code device}; false when it was never enrolled. */
  public boolean revoke(DeviceKey device) throws IOException {
    for (int attempt = 0; attempt < 5; attempt++) {
      Enrollments.Read read = records.get(device);
      if (read.record().isEmpty()) {
        LOG.info("device {}: never enrolled, nothing to revoke", device);
        return false;
      }
      EnrollmentRecord record = read.record().get();
      if (records.put(device, record.asRevoked(), read.revision())) {
        account.revoke(record.userKey(), clock.instant());
        LOG.info("device {}: credential of {} revoked", device, record.userKey());
        return true;
      }
    }
    throw new IOException("cannot revoke " + device + ": its enrollment keeps changing; retry");
  }
}
