package io.rollwave.agent.state;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON file per DeviceProcess under {@code <state-dir>/processes}, written to a temp file and
 * moved into place atomically, so a crash never leaves half a record. An unreadable record is set
 * aside as {@code <name>.json.corrupt} and treated as absent: the process is started afresh.
 */
public final class ProcessStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessStateStore.class);

  private final Path dir;

  public ProcessStateStore(Path stateDir) {
    this.dir = stateDir.resolve("processes");
  }

  public void save(ProcessRecord record) throws IOException {
    Files.createDirectories(dir);
    Path target = file(record.deviceProcess());
    Path temp = Files.createTempFile(dir, record.deviceProcess() + ".", ".tmp");
    try {
      Files.write(temp, ProcessRecordJson.write(record));
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(
            "cannot replace " + target + " atomically; the state dir must be on one filesystem", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  public Optional<ProcessRecord> load(String deviceProcess) {
    Path file = file(deviceProcess);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      ProcessRecord record = ProcessRecordJson.read(Files.readAllBytes(file));
      if (record.deviceProcess() == null
          || !record.deviceProcess().equals(deviceProcess)
          || record.processStartedAt() == null
          || record.pid() <= 0) {
        throw new IOException("incomplete record (no process name, pid or start time)");
      }
      return Optional.of(record);
    } catch (IOException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
      LOG.error(
          "dp {}: state file {} unreadable ({}), moved to {}; the process is not adopted and"
              + " will be started afresh (check for a duplicate left running)",
          deviceProcess,
          file,
          e.getMessage(),
          aside);
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        LOG.error("dp {}: cannot move {} aside: {}", deviceProcess, file, moveFailed.toString());
      }
      return Optional.empty();
    }
  }

  /**
   * Every record, for the artifact cache to keep what they name; empty when one cannot be read,
   * since then nothing may safely be evicted.
   */
  public Optional<List<ProcessRecord>> loadAll() {
    if (!Files.isDirectory(dir)) {
      return Optional.of(List.of());
    }
    List<ProcessRecord> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        records.add(ProcessRecordJson.read(Files.readAllBytes(f)));
      }
    } catch (IOException e) {
      LOG.warn(
          "state files in {} unreadable ({}); the artifact cache is not pruned", dir, e.toString());
      return Optional.empty();
    }
    return Optional.of(List.copyOf(records));
  }

  /** The DeviceProcesses that have a state file, readable or not. */
  public List<String> names() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".json"))
          .map(f -> f.substring(0, f.length() - ".json".length()))
          .sorted()
          .toList();
    }
  }

  public void delete(String deviceProcess) throws IOException {
    Files.deleteIfExists(file(deviceProcess));
  }

  private Path file(String deviceProcess) {
    return dir.resolve(deviceProcess + ".json");
  }
}
