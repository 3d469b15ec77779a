package io.rollwave.activities;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Sends one API request per item, at most {@code parallelism} at a time, and waits for all of them:
 * a batch of N writes costs N / parallelism round trips instead of N. The caller's thread reports
 * progress; the first failure is thrown once every request has ended, so nothing is left in flight.
 */
public final class ParallelRequests implements AutoCloseable {
  /** Enough to keep an API server's request pipeline busy without queueing behind its limits. */
  public static final int DEFAULT_PARALLELISM = 16;

  private final ExecutorService pool;

  public ParallelRequests(String name, int parallelism) {
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code request} for every item; {@code progress} hears, on this thread, how many have
   * ended every {@code every} items.
   */
  public <T> void forEach(List<T> items, Consumer<T> request, int every, IntConsumer progress) {
    List<Future<?>> sent = new ArrayList<>(items.size());
    for (T item : items) {
      sent.add(pool.submit(() -> request.accept(item)));
    }
    RuntimeException first = null;
    int ended = 0;
    for (Future<?> f : sent) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        sent.forEach(s -> s.cancel(true));
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing", e);
      }
      ended++;
      if (ended % every == 0) {
        progress.accept(ended);
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
