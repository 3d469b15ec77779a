package io.rollwave.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * CPU time each process of a benchmark has used so far: the operator, this JVM (the simulated
 * agents and the benchmark's watch) and the servers on this machine. The kernel's own count, as
 * {@link ProcessHandle.Info#totalCpuDuration()} reads it, summed over the processes of a server's
 * name; a process not found is left out.
 */
final class ProcessCpu {
  static final String OPERATOR = "operator";
  static final String BENCHMARK = "benchmark+agents";
  private static final Set<String> SERVERS =
      Set.of("kube-apiserver", "etcd", "nats-server", "temporal");

  private ProcessCpu() {}

  static Map<String, Duration> now(long operatorPid) {
    Map<String, Duration> used = new TreeMap<>();
    ProcessHandle.of(operatorPid).flatMap(ProcessCpu::cpu).ifPresent(d -> used.put(OPERATOR, d));
    cpu(ProcessHandle.current()).ifPresent(d -> used.put(BENCHMARK, d));
    // one walk of the process table; every process of a server's name counts, since a test's
    // servers may run beside idle ones of dev-env
    ProcessHandle.allProcesses()
        .forEach(
            p ->
                p.info()
                    .command()
                    .map(c -> Path.of(c).getFileName().toString())
                    .filter(SERVERS::contains)
                    .ifPresent(name -> cpu(p).ifPresent(d -> used.merge(name, d, Duration::plus))));
    return used;
  }

  /** CPU seconds each process used between two readings, to 0.1 s; pure. */
  static Map<String, Double> secondsBetween(
      Map<String, Duration> before, Map<String, Duration> after) {
    Map<String, Double> seconds = new TreeMap<>();
    after.forEach(
        (process, total) -> {
          Duration start = before.get(process);
          if (start != null) {
            seconds.put(process, Math.round(total.minus(start).toMillis() / 100.0) / 10.0);
          }
        });
    return seconds;
  }

  private static Optional<Duration> cpu(ProcessHandle process) {
    return process.info().totalCpuDuration();
  }
}
