package io.rollwave.agent.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCacheTest {
  private static final String V1 = "1".repeat(64);
  private static final String V2 = "2".repeat(64);
  private static final String V3 = "3".repeat(64);
  private static final String OTHER = "0".repeat(64);
  @TempDir Path state;

  @Test
  void onlyCompleteArtifactsOutsideTheKeptSetAreEvictable() {
    assertThat(
            CacheEviction.evictable(
                List.of(V1, V2, V3 + ".partial", "README", OTHER), Set.of(V2, OTHER)))
        .containsExactly(V1);
    assertThat(CacheEviction.evictable(List.of(V1), Set.of(V1))).isEmpty();
  }

  @Test
  void keepsTheRunningAndThePreviousVersionOfEveryProcess() throws Exception {
    ArtifactCache cache = new ArtifactCache(state);
    Path dir = Files.createDirectories(state.resolve("artifacts/sha256"));
    for (String name : List.of(V1, V2, V3, OTHER, V3 + ".partial")) {
      Files.writeString(dir.resolve(name), name);
    }
    cache.use("agent", cache.pathOf(V1));
    cache.use("agent", cache.pathOf(V2));
    assertThat(cache.use("agent", cache.pathOf(V2)).previous())
        .as("a restart of the same version keeps the previous one")
        .contains(cache.pathOf(V1));
    ArtifactCache.Pins pins = cache.use("agent", cache.pathOf(V3));
    cache.use("sidecar", cache.pathOf(OTHER));

    assertThat(pins)
        .isEqualTo(new ArtifactCache.Pins(cache.pathOf(V3), Optional.of(cache.pathOf(V2))));
    assertThat(cache.evict(List.of())).containsExactly(cache.pathOf(V1));
    assertThat(dir).isDirectoryContaining(p -> p.getFileName().toString().equals(V3 + ".partial"));

    cache.release("sidecar");
    assertThat(cache.evict(List.of(cache.pathOf(OTHER))))
        .as("a state file of a process not seen since the restart still keeps its artifact")
        .isEmpty();
    assertThat(cache.evict(List.of())).containsExactly(cache.pathOf(OTHER));
  }
}
