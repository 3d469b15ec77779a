package io.rollwave.sim;

/** Where simulated agents put their status and heartbeats: NATS KV, or a test's list. */
interface KvSink {
  void put(String bucket, String key, byte[] value);

  /** Waits until every put so far is acknowledged. */
  default void drain() throws InterruptedException {}

  /** Puts that were not acknowledged. */
  default long failed() {
    return 0;
  }
}
