package io.rollwave.api.nats.identity;

import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DeviceKey;
import java.util.List;

/**
 * The least a device's agent needs, and nothing more: watch (and get) its own desired keys through
 * a filtered ordered consumer on its own filter, put its own status and heartbeat keys, renew its
 * own credential, and receive replies in its own inbox. No stream or consumer management beyond its
 * watch, no other key, no {@code $SYS}.
 */
public final class DevicePermissions {
  private DevicePermissions() {}

  public static Permissions of(DeviceKey device) {
    String desiredStream = JetStreamSubjects.stream(Buckets.DESIRED);
    String ownDesired = JetStreamSubjects.kv(Buckets.DESIRED, device.processFilter());
    return new Permissions(
        List.of(
            // the watch: an ordered consumer whose filter (in the subject, checked by the server
            // against the request body) is the device's own keys; its name is the client's choice
            "$JS.API.CONSUMER.CREATE." + desiredStream + ".*." + ownDesired,
            // the watch's end-of-data check reads its own consumer's info; consumer names are
            // random and listing them is refused, so no other consumer can be named
            "$JS.API.CONSUMER.INFO." + desiredStream + ".*",
            // flow control replies of the ordered consumer
            "$JS.FC." + desiredStream + ".>",
            // a get of one of its own desired keys
            "$JS.API.DIRECT.GET." + desiredStream + "." + ownDesired,
            JetStreamSubjects.kv(Buckets.STATUS, device.processFilter()),
            JetStreamSubjects.kv(Buckets.HEARTBEAT, device.key()),
            IdentitySubjects.renew(device)),
        List.of(IdentitySubjects.inboxPrefix(device) + ">"));
  }
}
