package io.rollwave.operator.reconcile;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which stored template revisions to delete, as a DaemonSet does: the live ones (the one being
 * rolled out and the one the fleet last settled on, which a rollback returns to) stay, and of the
 * others the newest {@code revisionHistoryLimit} by revision number. Pure.
 */
public final class RevisionHistory {
  private RevisionHistory() {}

  /** A stored ControllerRevision: its object name, its number and the revision hash it holds. */
  public record Stored(String name, long number, String revision) {}

  public static List<String> prunable(List<Stored> stored, int limit, Set<String> keep) {
    List<Stored> candidates =
        stored.stream()
            .filter(s -> !keep.contains(s.revision()))
            .sorted(Comparator.comparingLong(Stored::number).reversed())
            .toList();
    return candidates.stream().skip(Math.max(0, limit)).map(Stored::name).sorted().toList();
  }
}
