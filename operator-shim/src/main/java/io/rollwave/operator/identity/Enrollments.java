package io.rollwave.operator.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.identity.IdentitySubjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The enrollment records, one KV entry per device in a bucket only the operator may read; writes
 * compare the revision read, so two requests racing with one token cannot both win.
 */
public final class Enrollments {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WRONG_LAST_SEQUENCE = 10071;
  private static final int STREAM_NAME_IN_USE = 10058;

  private final KeyValue kv;

  private Enrollments(KeyValue kv) {
    this.kv = kv;
  }

  /** Opens the bucket, creating it when missing. */
  public static Enrollments open(Connection nats) {
    try {
      if (!nats.keyValueManagement()
          .getBucketNames()
          .contains(IdentitySubjects.ENROLLMENTS_BUCKET)) {
        try {
          nats.keyValueManagement()
              .create(
                  KeyValueConfiguration.builder()
                      .name(IdentitySubjects.ENROLLMENTS_BUCKET)
                      .storageType(StorageType.File)
                      .maxHistoryPerKey(1)
                      .build());
        } catch (JetStreamApiException e) {
          if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
            throw e;
          }
        }
      }
      return new Enrollments(nats.keyValue(IdentitySubjects.ENROLLMENTS_BUCKET));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the NATS KV bucket of enrollments", e);
    } catch (JetStreamApiException e) {
      throw new IllegalStateException(
          "cannot create the NATS KV bucket of enrollments: " + e.getMessage(), e);
    }
  }

  /** A record and the revision it was read at (0 when there is none). */
  public record Read(Optional<EnrollmentRecord> record, long revision) {}

  public Read get(DeviceKey device) throws IOException {
    try {
      KeyValueEntry entry = kv.get(device.key());
      if (entry == null || entry.getValue() == null) {
        return new Read(Optional.empty(), entry == null ? 0 : entry.getRevision());
      }
      return new Read(
          Optional.of(JSON.readValue(entry.getValue(), EnrollmentRecord.class)),
          entry.getRevision());
    } catch (JetStreamApiException e) {
      throw new IOException("cannot read the enrollment of " + device + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code record} if the entry is still at {@code revision}; false if it moved on. */
  public boolean put(DeviceKey device, EnrollmentRecord record, long revision) throws IOException {
    try {
      byte[] value = JSON.writeValueAsBytes(record);
      if (revision == 0) {
        kv.create(device.key(), value);
      } else {
        kv.update(device.key(), value, revision);
      }
      return true;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
        return false;
      }
      throw new IOException("cannot write the enrollment of " + device + ": " + e.getMessage(), e);
    }
  }
}
