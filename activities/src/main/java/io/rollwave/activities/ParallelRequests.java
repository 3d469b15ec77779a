package io.rollwave.activities;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Sends one API request per item, at most {@code parallelism} at a time, and waits for all of them:
 * a batch of N writes costs N / parallelism round trips instead of N. The caller's thread reports
 * progress; the first failure is thrown once every request has ended, and if the caller's progress
 * callback throws, requests not yet sent are dropped and those under way awaited: nothing is left
 * in flight either way.
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
    AtomicBoolean stop = new AtomicBoolean();
    for (T item : items) {
      sent.add(
          pool.submit(
              () -> {
                if (!stop.get()) {
                  request.accept(item);
                }
              }));
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
        Thread.currentThread().interrupt();
        stop.set(true);
        throw new IllegalStateException("interrupted while writing", e);
      }
      ended++;
      if (ended % every == 0) {
        try {
          progress.accept(ended);
        } catch (RuntimeException e) {
          // the caller gave up (its activity was cancelled, say): nothing may go on writing
          stop.set(true);
          throw awaited(sent, e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Waits until every request has ended (those not started end at once), then returns cause. */
  private static RuntimeException awaited(List<Future<?>> sent, RuntimeException cause) {
    for (Future<?> f : sent) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        // ended; the caller's failure is what counts
      }
    }
    return cause;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
