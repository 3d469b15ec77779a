package io.rollwave.agent.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the artifact cache small: per DeviceProcess it pins the artifact in use and the one it
 * replaced (for a fast rollback); {@link #evict} deletes every other complete artifact.
 */
public final class ArtifactCache {
  private final Path dir;
  private final Map<String, Pins> pins = new HashMap<>();

  /** The artifact a process uses and the one before it. */
  public record Pins(Path current, Optional<Path> previous) {}

  public ArtifactCache(Path stateDir) {
    this.dir = stateDir.resolve("artifacts").resolve("sha256");
  }

  /** Where the artifact with this SHA-256 is (or will be) cached. */
  public Path pathOf(String sha256) {
    return dir.resolve(sha256 == null ? "" : sha256.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * {@code artifact} is now the one {@code deviceProcess} uses; the one it used before, if another,
   * becomes its previous. Returns the pins.
   */
  public synchronized Pins use(String deviceProcess, Path artifact) {
    Pins old = pins.get(deviceProcess);
    Pins now;
    if (old == null) {
      now = new Pins(artifact, Optional.empty());
    } else if (old.current().equals(artifact)) {
      now = old;
    } else {
      now = new Pins(artifact, Optional.of(old.current()));
    }
    pins.put(deviceProcess, now);
    return now;
  }

  /** After an agent restart: the pins a state file remembered. */
  public synchronized void restore(String deviceProcess, Pins remembered) {
    pins.put(deviceProcess, remembered);
  }

  public synchronized void release(String deviceProcess) {
    pins.remove(deviceProcess);
  }

  /**
   * Deletes every complete artifact neither pinned nor in {@code alsoKeep} (what state files name
   * for processes not seen yet since a restart); returns what it deleted.
   */
  public synchronized List<Path> evict(Collection<Path> alsoKeep) throws IOException {
    Set<String> keep = new HashSet<>();
    for (Pins p : pins.values()) {
      keep.add(p.current().getFileName().toString());
      p.previous().ifPresent(prev -> keep.add(prev.getFileName().toString()));
    }
    alsoKeep.forEach(p -> keep.add(p.getFileName().toString()));
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(f -> f.getFileName().toString()).toList();
    }
    List<Path> deleted = new ArrayList<>();
    for (String name : CacheEviction.evictable(names, keep)) {
      Path f = dir.resolve(name);
      if (Files.deleteIfExists(f)) {
        deleted.add(f);
      }
    }
    return deleted;
  }
}
