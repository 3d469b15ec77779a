package io.rollwave.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap in use and peak resident memory of another JVM: heap from {@code jstat -gc PID 500}
 * (survivor, eden and old space used), resident memory from the kernel's high-water mark {@code
 * VmHWM} in {@code /proc/PID/status}.
 */
public final class JvmSampler implements AutoCloseable {
  private static final List<String> USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

  private final long pid;
  private volatile Process jstat;
  private volatile boolean closed;
  private final Thread reader;
  private final AtomicLong peakHeapKb = new AtomicLong();
  private volatile long lastRssPeakKb;

  public JvmSampler(long pid) {
    this.pid = pid;
    this.reader = new Thread(this::sample, "jstat-" + pid);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Runs jstat until closed; a jstat that ends (the JVM was not attachable yet, just after its
   * start) is started again half a second later.
   */
  private void sample() {
    while (!closed) {
      try {
        jstat =
            new ProcessBuilder("jstat", "-gc", Long.toString(pid), "500")
                .redirectErrorStream(true)
                .start();
        read();
        jstat.waitFor();
        Thread.sleep(500);
      } catch (IOException e) {
        return; // no jstat on this machine: the heap figure stays 0
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
      int[] columns = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 0 && fields[0].equals("S0C")) {
          List<String> header = Arrays.asList(fields);
          columns = USED_COLUMNS.stream().mapToInt(header::indexOf).toArray();
          continue;
        }
        if (columns != null) {
          peakHeapKb.accumulateAndGet(usedKb(fields, columns), Math::max);
        }
        lastRssPeakKb = Math.max(lastRssPeakKb, rssPeakKb());
      }
    } catch (IOException | RuntimeException e) {
      // the sampled JVM ended; the peaks so far stand
    }
  }

  static long usedKb(String[] fields, int[] columns) {
    double kb = 0;
    for (int c : columns) {
      if (c < 0 || c >= fields.length) {
        return 0;
      }
      kb += Double.parseDouble(fields[c]);
    }
    return (long) kb;
  }

  /**
   * Resident memory now, in MiB, of the first process whose executable is named {@code name} (a
   * server on this machine, say kube-apiserver); 0 when there is none.
   */
  public static long rssMibOf(String name) {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .command()
                    .map(c -> Path.of(c).getFileName().toString().equals(name))
                    .orElse(false))
        .findFirst()
        .map(p -> statusField(p.pid(), "VmRSS:") / 1024)
        .orElse(0L);
  }

  private static long statusField(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone or unreadable
    }
    return 0;
  }

  private long rssPeakKb() {
    long kb = statusField(pid, "VmHWM:");
    return kb == 0 ? lastRssPeakKb : kb;
  }

  /** Peak heap in use seen so far, in MiB. */
  public long peakHeapMib() {
    return peakHeapKb.get() / 1024;
  }

  /** Peak resident memory so far, in MiB. */
  public long peakRssMib() {
    return Math.max(lastRssPeakKb, rssPeakKb()) / 1024;
  }

  @Override
  public void close() {
    closed = true;
    reader.interrupt();
    Process running = jstat;
    if (running != null) {
      running.destroy();
    }
  }
}
