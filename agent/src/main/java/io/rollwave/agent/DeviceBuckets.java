package io.rollwave.agent;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.Headers;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.identity.JetStreamSubjects;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's KV access with no more rights than a device credential grants: publishes to its own
 * status and heartbeat keys, and watches its own desired keys through an ordered consumer on its
 * own filter. Unlike jnats' {@code KeyValue}, it never asks for a bucket's stream info, which would
 * list every device's keys.
 */
final class DeviceBuckets {
  private static final String OPERATION_HEADER = "KV-Operation";

  private final Connection connection;
  private final JetStream jetStream;
  private final DeviceKey device;

  DeviceBuckets(Connection connection, DeviceKey device) throws IOException {
    this.connection = connection;
    this.jetStream = connection.jetStream();
    this.device = device;
  }

  void putStatus(String key, byte[] value) throws IOException, JetStreamApiException {
    jetStream.publish(JetStreamSubjects.kv(Buckets.STATUS, key), value);
  }

  void deleteStatus(String key) throws IOException, JetStreamApiException {
    Headers headers = new Headers().put(OPERATION_HEADER, "DEL");
    jetStream.publish(JetStreamSubjects.kv(Buckets.STATUS, key), headers, null);
  }

  void putHeartbeat(byte[] value) throws IOException, JetStreamApiException {
    jetStream.publish(JetStreamSubjects.kv(Buckets.HEARTBEAT, device.key()), value);
  }

  /**
   * Delivers the newest entry of each of this device's desired keys, then every change, as jnats'
   * KV watch does: {@code endOfData} once the entries that existed are delivered.
   */
  JetStreamSubscription watchDesired(KeyValueWatcher watcher)
      throws IOException, JetStreamApiException {
    AtomicBoolean endOfData = new AtomicBoolean();
    Dispatcher dispatcher = connection.createDispatcher();
    JetStreamSubscription subscription =
        jetStream.subscribe(
            null,
            dispatcher,
            message -> {
              watcher.watch(new KeyValueEntry(message));
              if (message.metaData().pendingCount() == 0 && endOfData.compareAndSet(false, true)) {
                watcher.endOfData();
              }
            },
            false,
            PushSubscribeOptions.builder().stream(JetStreamSubjects.stream(Buckets.DESIRED))
                .ordered(true)
                .configuration(
                    ConsumerConfiguration.builder()
                        .ackPolicy(AckPolicy.None)
                        .deliverPolicy(DeliverPolicy.LastPerSubject)
                        .filterSubject(
                            JetStreamSubjects.kv(Buckets.DESIRED, device.processFilter()))
                        .build())
                .build());
    if (subscription.getConsumerInfo().getCalculatedPending() == 0
        && endOfData.compareAndSet(false, true)) {
      watcher.endOfData();
    }
    return subscription;
  }
}
