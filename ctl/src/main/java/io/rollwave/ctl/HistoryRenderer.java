package io.rollwave.ctl;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code kubectl rollwave history}'s table of stored revisions, oldest first. Pure. */
public final class HistoryRenderer {
  private HistoryRenderer() {}

  public static String render(
      String id, List<StoredRevision> revisions, Optional<String> stable, Optional<String> update) {
    if (revisions.isEmpty()) {
      return "dpd " + id + ": no stored revisions yet (the operator stores one per template)\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("REVISION", "HASH", "VERSION", "STATE", "STORED", "ARTIFACT", "CHANGE-CAUSE"));
    for (StoredRevision r :
        revisions.stream().sorted(Comparator.comparingLong(StoredRevision::number)).toList()) {
      rows.add(
          List.of(
              String.valueOf(r.number()),
              r.hash(),
              r.version().isBlank() ? "<none>" : r.version(),
              state(r.hash(), stable, update),
              r.created().map(DateTimeFormatter.ISO_INSTANT::format).orElse("<unknown>"),
              r.artifact(),
              r.changeCause().orElse("<none>")));
    }
    return "dpd " + id + ":\n" + Table.render("", rows);
  }

  private static String state(String hash, Optional<String> stable, Optional<String> update) {
    boolean isStable = stable.filter(hash::equals).isPresent();
    boolean isUpdate = update.filter(hash::equals).isPresent();
    return isStable && isUpdate ? "stable,update" : isStable ? "stable" : isUpdate ? "update" : "-";
  }
}
