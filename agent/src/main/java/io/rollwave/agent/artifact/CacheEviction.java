package io.rollwave.agent.artifact;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which cached artifacts may go: every complete one ({@code <sha256 hex>}) that no process runs or
 * would roll back to. Partial downloads stay, to be resumed.
 */
final class CacheEviction {
  private static final Pattern COMPLETE = Pattern.compile("[0-9a-f]{64}");

  private CacheEviction() {}

  static List<String> evictable(Collection<String> fileNames, Set<String> keep) {
    return fileNames.stream()
        .filter(n -> COMPLETE.matcher(n).matches())
        .filter(n -> !keep.contains(n))
        .sorted()
        .toList();
  }
}
