package io.rollwave.operator.lead;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work only one replica may do (write DeviceProcess status, publish desired state, signal and
 * cancel rollouts), started in order when this replica leads, and the {@code rollwave_leader} gauge
 * that says whether it does. Without leader election the one replica leads from its start.
 */
public final class Leadership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  static final String GAUGE = "rollwave.leader";

  /** What starts one duty; what it returns stops it (a no-op when nothing needs stopping). */
  @FunctionalInterface
  public interface Start {
    AutoCloseable start() throws Exception;
  }

  private record Duty(String name, Start start) {}

  private final String who;
  private final List<Duty> duties = new ArrayList<>();
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final AtomicInteger leading = new AtomicInteger();
  private final ExecutorService starter =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "rollwave-leading");
            t.setDaemon(true);
            return t;
          });
  private final Runnable exit;
  private volatile Optional<String> failure = Optional.empty();
  private volatile boolean closing;

  /**
   * {@code who} names this replica and its lease in log lines; {@code exit} ends the process when
   * the lease is lost while running.
   */
  public Leadership(MeterRegistry registry, String who, Runnable exit) {
    this.who = who;
    this.exit = exit;
    // strongly held: the gauge must say 0 or 1 however long the registry outlives this object
    Gauge.builder(GAUGE, leading, AtomicInteger::get)
        .description("1 while this replica leads (reconciles, publishes, writes status), else 0")
        .strongReference(true)
        .register(registry);
  }

  /** Adds a duty, started after those added before it. */
  public void duty(String name, Start start) {
    duties.add(new Duty(name, start));
  }

  /** Whether this replica leads now. */
  public boolean leading() {
    return leading.get() == 1;
  }

  /**
   * Starts every duty in order; the first that fails stops the rest and is rethrown (so a control
   * plane without election fails at start, as before).
   */
  public synchronized void lead() throws Exception {
    leading.set(1);
    LOG.info("{}: leads; starting {}", who, duties.stream().map(Duty::name).toList());
    for (Duty duty : duties) {
      try {
        started.push(duty.start().start());
      } catch (Exception e) {
        failure = Optional.of(duty.name() + ": " + e.getMessage());
        throw new IllegalStateException(
            who + ": cannot start " + duty.name() + " as leader: " + e.getMessage(), e);
      }
    }
  }

  /**
   * False once a duty failed to start: the leader cannot do its work, and its liveness probe fails
   * so Kubernetes restarts it and another replica takes the lease.
   */
  public boolean dutiesStarted() {
    return failure.isEmpty();
  }

  /** Why a duty failed to start, if one did. */
  public Optional<String> failure() {
    return failure;
  }

  /**
   * JOSDK's callbacks: on the lease, the duties start on a thread of their own (the elector's
   * thread renews the lease and must not wait for them). A lease lost while running ends the
   * process (its duties would otherwise run beside the new leader's), and the pod restarts as a
   * standby; a lease given up because the control plane closes does not.
   */
  public LeaderCallbacks callbacks() {
    return new LeaderCallbacks(
        () ->
            starter.execute(
                () -> {
                  try {
                    lead();
                  } catch (Exception e) {
                    LOG.error("{}: {}; liveness fails until restarted", who, e.getMessage());
                  }
                }),
        this::stoppedLeading,
        leader -> LOG.info("{}: {} holds the lease", who, leader));
  }

  void stoppedLeading() {
    leading.set(0);
    if (closing) {
      LOG.info("{}: gave up the lease on stopping", who);
      return;
    }
    LOG.error("{}: lost the lease; exiting so the pod restarts as a standby", who);
    exit.run();
  }

  /** The control plane is stopping: the lease given up with it is no reason to exit. */
  public void closing() {
    closing = true;
  }

  /** Logs that this replica waits for the lease, naming what it runs meanwhile. */
  public void standBy() {
    LOG.info(
        "{}: stands by (Temporal worker running; {} wait for the lease)",
        who,
        duties.stream().map(Duty::name).toList());
  }

  @Override
  public synchronized void close() {
    closing = true;
    starter.shutdownNow();
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        LOG.warn("{}: while stopping a duty: {}", who, e.toString());
      }
    }
  }
}
