package io.rollwave.api.nats.identity;

import io.rollwave.api.nats.Buckets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator needs: manage and use the three Rollwave buckets (create them, watch status and
 * heartbeats, write desired state), answer enrollment and renewal requests. No other stream, no
 * {@code $SYS}, no device inbox.
 */
public final class OperatorPermissions {
  /** The operator's own inbox root, apart from the devices' ones. */
  public static final String INBOX_PREFIX = "_INBOX.";

  private OperatorPermissions() {}

  public static Permissions standard() {
    // stream names: the operator's bucket check lists them (the account holds only Rollwave's)
    List<String> publish = new ArrayList<>(List.of("$JS.API.INFO", "$JS.API.STREAM.NAMES"));
    for (String bucket :
        List.of(
            Buckets.DESIRED,
            Buckets.STATUS,
            Buckets.HEARTBEAT,
            IdentitySubjects.ENROLLMENTS_BUCKET)) {
      String stream = JetStreamSubjects.stream(bucket);
      publish.addAll(
          List.of(
              "$JS.API.STREAM.*." + stream,
              "$JS.API.STREAM.MSG.*." + stream,
              "$JS.API.DIRECT.GET." + stream,
              "$JS.API.DIRECT.GET." + stream + ".>",
              "$JS.API.CONSUMER.*." + stream,
              "$JS.API.CONSUMER.*." + stream + ".>",
              "$JS.API.CONSUMER.DURABLE.CREATE." + stream + ".>",
              "$JS.FC." + stream + ".>",
              "$JS.ACK." + stream + ".>",
              JetStreamSubjects.kv(bucket, ">")));
    }
    // replies to enrollment and renewal requests go to the devices' inboxes
    publish.add(IdentitySubjects.DEVICE_INBOX_ROOT + ".>");
    return new Permissions(
        publish,
        List.of(
            INBOX_PREFIX + ">",
            IdentitySubjects.ENROLL_ROOT + ".>",
            IdentitySubjects.RENEW_ROOT + ".>"));
  }
}
