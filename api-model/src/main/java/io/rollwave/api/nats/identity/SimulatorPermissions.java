package io.rollwave.api.nats.identity;

import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DeviceKey;
import java.util.List;

/**
 * What simulated agents of one namespace need on one connection ({@code FleetSimulator}, as {@code
 * rollwave demo} runs it): the device permissions of every device of that namespace and of no
 * other. They watch the namespace's desired keys through one filtered consumer, put the namespace's
 * status and heartbeat keys, and receive replies in their own inbox. One right more than a device
 * has: the desired stream's info, which jnats' KV watch asks for (it names the stream's keys, not
 * their values). No stream or consumer management beyond that watch, no desired put, no {@code
 * $SYS}, no enrollment.
 */
public final class SimulatorPermissions {
  private SimulatorPermissions() {}

  /**
   * The inbox prefix of the simulator of {@code namespace}: the one its devices' inboxes share
   * ({@link IdentitySubjects#inboxPrefix}), no other client's replies.
   */
  public static String inboxPrefix(String namespace) {
    return IdentitySubjects.DEVICE_INBOX_ROOT + "." + DeviceKey.namespacePrefix(namespace);
  }

  public static Permissions of(String namespace) {
    String desiredStream = JetStreamSubjects.stream(Buckets.DESIRED);
    String keys = DeviceKey.namespacePrefix(namespace) + ">";
    String namespaceDesired = JetStreamSubjects.kv(Buckets.DESIRED, keys);
    return new Permissions(
        List.of(
            "$JS.API.CONSUMER.CREATE." + desiredStream + ".*." + namespaceDesired,
            "$JS.API.CONSUMER.INFO." + desiredStream + ".*",
            "$JS.API.STREAM.INFO." + desiredStream,
            "$JS.FC." + desiredStream + ".>",
            JetStreamSubjects.kv(Buckets.STATUS, keys),
            JetStreamSubjects.kv(Buckets.HEARTBEAT, keys)),
        List.of(inboxPrefix(namespace) + ">"));
  }
}
