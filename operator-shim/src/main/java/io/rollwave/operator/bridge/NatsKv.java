package io.rollwave.operator.bridge;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import io.rollwave.api.nats.Buckets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Creates Rollwave's KV buckets when they are missing and opens them. */
public final class NatsKv {
  private NatsKv() {}

  public static void ensureBuckets(Connection connection) {
    try {
      KeyValueManagement kvm = connection.keyValueManagement();
      List<String> existing = kvm.getBucketNames();
      for (String bucket : List.of(Buckets.DESIRED, Buckets.STATUS, Buckets.HEARTBEAT)) {
        if (!existing.contains(bucket)) {
          kvm.create(
              KeyValueConfiguration.builder()
                  .name(bucket)
                  .storageType(StorageType.File)
                  .maxHistoryPerKey(1)
                  .build());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the NATS KV buckets", e);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != 10058) { // stream name already in use: created concurrently
        throw new IllegalStateException(
            "cannot create the NATS KV buckets: " + e.getMessage() + " (is JetStream enabled?)", e);
      }
    }
  }

  public static KeyValue open(Connection connection, String bucket) {
    try {
      return connection.keyValue(bucket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open NATS KV bucket " + bucket, e);
    }
  }
}
