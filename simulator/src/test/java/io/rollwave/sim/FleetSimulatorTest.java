package io.rollwave.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.RestartPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FleetSimulatorTest {
  private static final String NS = "sim-test";
  private static final String KEY =
      DeviceKey.parse("NetworkSwitch/" + NS + "/tor-01")
          .processKey(new ProcessId(NS, "agent-tor-01"));

  private static DesiredProcess desired(String revision, long generation) {
    return new DesiredProcess(
        NS,
        "agent-tor-01",
        revision,
        generation,
        new DeviceProcessSpec(
            new DeviceRef("NetworkSwitch", "tor-01", null),
            new Artifact(
                ArtifactType.HTTP, "https://a.example/agent-" + revision, "1".repeat(64), revision),
            new Execution(Backend.EXEC, List.of("/bin/true"), null, null, null, null, null),
            RestartPolicy.Always,
            null));
  }

  /** Revisions of the status puts, in the order they were put. */
  private static KvSink revisionsInto(List<String> reported) {
    return (bucket, key, value) -> {
      if (bucket.equals(Buckets.STATUS)) {
        try {
          ReportedStatus report = NatsJson.read(value, ReportedStatus.class);
          reported.add(key + " " + report.status().revision());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  @Test
  void aRevisionSupersededWithinTheReadyDelayIsNeverReported() throws Exception {
    List<String> reported = new CopyOnWriteArrayList<>();
    Deque<Long> delays = new ArrayDeque<>(List.of(500L, 0L)); // rev1 is slower than rev2
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (FleetSimulator sim =
        new FleetSimulator(
            revisionsInto(reported),
            new FleetSimulator.Behaviour(0, 0, 0, 1, 60_000),
            delays::removeFirst,
            timer)) {
      CountDownLatch hold = holdTimer(timer);
      sim.desired(KEY, desired("rev1", 1));
      sim.desired(KEY, desired("rev2", 2));
      hold.countDown();
      // one timer thread runs tasks by due time: once this has run, rev1's answer was due too
      timer.schedule(() -> {}, 1000, TimeUnit.MILLISECONDS).get();
      assertThat(reported).containsExactly(KEY + " rev2");
    }
  }

  @Test
  void aDeletedEntryIsNeverReported() throws Exception {
    List<String> reported = new CopyOnWriteArrayList<>();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (FleetSimulator sim =
        new FleetSimulator(
            revisionsInto(reported),
            new FleetSimulator.Behaviour(0, 0, 0, 1, 60_000),
            () -> 50L,
            timer)) {
      // the answer cannot run before the deletion, however slow this thread is
      CountDownLatch hold = holdTimer(timer);
      sim.desired(KEY, desired("rev1", 1));
      sim.deleted(KEY);
      hold.countDown();
      timer.schedule(() -> {}, 200, TimeUnit.MILLISECONDS).get();
      assertThat(reported).isEmpty();
    }
  }

  /** Keeps the one timer thread busy until the latch is counted down. */
  private static CountDownLatch holdTimer(ScheduledExecutorService timer) {
    CountDownLatch hold = new CountDownLatch(1);
    timer.execute(
        () -> {
          try {
            hold.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return hold;
  }
}
