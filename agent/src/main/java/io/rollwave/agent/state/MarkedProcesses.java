package io.rollwave.agent.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes an earlier agent of this device started, found at the agent's start by the {@link
 * ProcessMarker} in their environment, by DeviceProcess: what the agent adopts or stops when it has
 * no state file for them (its state dir was lost), so a DeviceProcess never runs twice. Only
 * processes of the agent's own uid are read (root's agent reads all). A marked process whose parent
 * carries the same marker is a child of the DeviceProcess's process (it inherited the environment)
 * and is left to it. Each DeviceProcess's list is handed out once.
 */
public final class MarkedProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(MarkedProcesses.class);

  /** None found: for tests and for agents that have not scanned. */
  public static final MarkedProcesses NONE = new MarkedProcesses(Map.of());

  private final Map<String, List<MarkedProcess>> byName;

  private MarkedProcesses(Map<String, List<MarkedProcess>> byName) {
    this.byName = new HashMap<>(byName);
  }

  /** A process as the scan sees it: its pid, parent pid and marker. */
  record Seen(MarkedProcess process, OptionalLong parent) {}

  /**
   * Those of {@code seen} that {@code device}'s agent started and that are not children of another
   * one for the same DeviceProcess, by DeviceProcess. Pure.
   */
  static MarkedProcesses of(String device, List<Seen> seen) {
    Map<Long, ProcessMarker> markers = new HashMap<>();
    for (Seen s : seen) {
      markers.put(s.process().pid(), s.process().marker());
    }
    Map<String, List<MarkedProcess>> byName = new HashMap<>();
    for (Seen s : seen) {
      ProcessMarker m = s.process().marker();
      ProcessMarker parent = s.parent().isPresent() ? markers.get(s.parent().getAsLong()) : null;
      if (!m.device().equals(device)
          || (parent != null && parent.deviceProcess().equals(m.deviceProcess()))) {
        continue;
      }
      byName.computeIfAbsent(m.deviceProcess(), n -> new ArrayList<>()).add(s.process());
    }
    byName.replaceAll((n, l) -> List.copyOf(l));
    return new MarkedProcesses(byName);
  }

  /** Reads {@code /proc}: every live process of this uid with a marker of {@code device}. */
  public static MarkedProcesses scan(String device) {
    Path proc = Path.of("/proc");
    Optional<Object> self = uid(proc.resolve("self"));
    if (self.isEmpty()) {
      LOG.warn(
          "device {}: /proc is not readable; processes started by an agent whose state dir was"
              + " lost cannot be found",
          device);
      return NONE;
    }
    // the environment is searched as bytes first: most processes are not ours, and few are read
    byte[] mine = (ProcessMarker.DEVICE + "=" + device + "\0").getBytes(StandardCharsets.UTF_8);
    long me = ProcessHandle.current().pid();
    List<Seen> seen = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path dir : dirs) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (pid != me && uid(dir).equals(self)) {
          marker(dir, mine).flatMap(m -> seen(pid, m)).ifPresent(seen::add);
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warn(
          "device {}: cannot list /proc ({}); processes started by an agent whose state dir was"
              + " lost cannot be found",
          device,
          e.toString());
      return NONE;
    }
    MarkedProcesses found = of(device, seen);
    if (!found.byName.isEmpty()) {
      LOG.info(
          "device {}: found processes started by an earlier agent, by their environment: {}",
          device,
          found.byName);
    }
    return found;
  }

  private static Optional<Seen> seen(long pid, ProcessMarker marker) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    Optional<Instant> start = h.flatMap(p -> p.info().startInstant());
    if (start.isEmpty()) {
      return Optional.empty(); // ended meanwhile
    }
    Optional<ProcessHandle> parent = h.get().parent();
    return Optional.of(
        new Seen(
            new MarkedProcess(pid, start.get(), marker),
            parent.isPresent() ? OptionalLong.of(parent.get().pid()) : OptionalLong.empty()));
  }

  private static Optional<Object> uid(Path dir) {
    try {
      return Optional.of(Files.getAttribute(dir, "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<ProcessMarker> marker(Path dir, byte[] mine) {
    try {
      byte[] environ = Files.readAllBytes(dir.resolve("environ"));
      return contains(environ, mine) ? ProcessMarker.parse(environ) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // ended meanwhile, or not ours to read
    }
  }

  /** Whether {@code environ} holds the entry {@code entry} (which ends in its NUL). */
  static boolean contains(byte[] environ, byte[] entry) {
    outer:
    for (int i = 0; i + entry.length <= environ.length; i++) {
      if (i > 0 && environ[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < entry.length; j++) {
        if (environ[i + j] != entry[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The DeviceProcess's processes found, once; later calls get none. */
  public synchronized List<MarkedProcess> take(String deviceProcess) {
    List<MarkedProcess> found = byName.remove(deviceProcess);
    return found == null ? List.of() : found;
  }

  /** The DeviceProcesses with processes found and not yet taken. */
  public synchronized Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }
}
