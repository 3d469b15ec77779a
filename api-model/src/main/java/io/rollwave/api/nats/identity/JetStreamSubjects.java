package io.rollwave.api.nats.identity;

/** How JetStream names a KV bucket's stream and a key's subject. */
public final class JetStreamSubjects {
  private JetStreamSubjects() {}

  public static String stream(String bucket) {
    return "KV_" + bucket;
  }

  public static String kv(String bucket, String key) {
    return "$KV." + bucket + "." + key;
  }
}
