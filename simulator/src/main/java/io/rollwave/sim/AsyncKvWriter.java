package io.rollwave.sim;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts to JetStream KV buckets without waiting for each acknowledgement: a KV put is a JetStream
 * publish to {@code $KV.<bucket>.<key>}, so many can be in flight on one connection. At most {@code
 * maxInFlight} are outstanding; a put beyond that waits for an acknowledgement. A failed put is
 * counted and logged, not retried: the next put of the same key carries the newer value.
 */
public final class AsyncKvWriter implements KvSink {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncKvWriter.class);

  private final JetStream jetStream;
  private final Semaphore inFlight;
  private final int maxInFlight;
  private final AtomicLong failed = new AtomicLong();

  static final int ATTEMPTS = 3;

  public AsyncKvWriter(Connection nats, int maxInFlight) throws IOException {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
    }
    this.jetStream = nats.jetStream();
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
  }

  /** Sends {@code value} to {@code bucket}'s {@code key}; blocks only while the window is full. */
  @Override
  public void put(String bucket, String key, byte[] value) {
    inFlight.acquireUninterruptibly();
    send(bucket, key, value, 1);
  }

  private void send(String bucket, String key, byte[] value, int attempt) {
    try {
      jetStream
          .publishAsync("$KV." + bucket + "." + key, value)
          .whenComplete(
              (ack, error) -> {
                if (error == null) {
                  inFlight.release();
                } else {
                  retryOrGiveUp(bucket, key, value, attempt, error);
                }
              });
    } catch (RuntimeException e) {
      retryOrGiveUp(bucket, key, value, attempt, e);
    }
  }

  private void retryOrGiveUp(
      String bucket, String key, byte[] value, int attempt, Throwable error) {
    if (attempt < ATTEMPTS) {
      LOG.debug(
          "kv {} {}: put attempt {} failed, again: {}", bucket, key, attempt, error.toString());
      send(bucket, key, value, attempt + 1);
      return;
    }
    inFlight.release();
    failed.incrementAndGet();
    LOG.warn(
        "kv {} {}: put not acknowledged after {} attempts: {}",
        bucket,
        key,
        attempt,
        error.toString());
  }

  /** Waits until every put sent so far is acknowledged (or failed). */
  @Override
  public void drain() throws InterruptedException {
    inFlight.acquire(maxInFlight);
    inFlight.release(maxInFlight);
  }

  /** Puts that were not acknowledged. */
  @Override
  public long failed() {
    return failed.get();
  }
}
