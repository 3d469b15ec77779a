package io.rollwave.ctl;

import io.rollwave.api.rollout.FailedDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** {@code kubectl rollwave get}'s text for a {@link RolloutView}. Pure. */
public final class ViewRenderer {
  private ViewRenderer() {}

  public static String render(RolloutView v) {
    StringBuilder out = new StringBuilder();
    line(out, "Name", v.name());
    line(out, "Namespace", v.namespace());
    line(out, "Phase", v.phase() + v.pausedBy().map(p -> ", held by " + p).orElse(""));
    v.message().ifPresent(m -> line(out, "Message", m));
    line(out, "Revisions", revisions(v));
    v.rollingBackFrom().ifPresent(r -> line(out, "Rolling back", "from " + r));
    if (v.steps() > 0) {
      line(
          out,
          "Step",
          v.step() < v.steps()
              ? (v.step() + 1) + " of " + v.steps()
              : "all " + v.steps() + " steps done");
    }
    if (v.window().isPresent()) {
      line(
          out,
          "Window",
          v.window().getAsInt()
              + " devices; "
              + v.batches().orElse(0)
              + " batches so far, "
              + v.devicesMoved().orElse(0)
              + " devices moved");
    }
    line(out, "Devices", counts(v.counts()));
    if (!v.partitions().isEmpty()) {
      out.append("Partitions by ").append(v.partitionBy().orElse("")).append(":\n");
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("PARTITION", "DEVICES", "UPDATED", "AVAILABLE", "FAILED"));
      for (PartitionCount p : v.partitions()) {
        rows.add(
            List.of(
                p.partition(),
                String.valueOf(p.devices()),
                String.valueOf(p.updated()),
                String.valueOf(p.available()),
                String.valueOf(p.failed())));
      }
      out.append(Table.render("  ", rows));
    }
    if (!v.failed().isEmpty()) {
      out.append("Failed devices:\n");
      List<List<String>> rows = new ArrayList<>();
      for (FailedDevice f : v.failed()) {
        rows.add(List.of(f.name(), f.reason() == null ? "" : f.reason()));
      }
      out.append(Table.render("  ", rows));
    }
    v.note().ifPresent(n -> line(out, "Note", n));
    return out.toString();
  }

  private static String revisions(RolloutView v) {
    String stable = v.stable().map(r -> "stable " + revision(r)).orElse("no stable revision yet");
    String update = v.update().map(r -> "update " + revision(r)).orElse("no update revision");
    boolean same =
        v.stable().isPresent()
            && v.update().isPresent()
            && v.stable().get().hash().equals(v.update().get().hash());
    return same ? "stable = update " + revision(v.update().get()) : stable + " -> " + update;
  }

  private static String revision(RolloutView.Revision r) {
    return (r.number().isPresent() ? "#" + r.number().getAsLong() + " " : "")
        + r.hash()
        + r.version().map(ver -> " (" + ver + ")").orElse("");
  }

  private static String counts(RolloutView.Counts c) {
    StringBuilder s = new StringBuilder();
    s.append(c.total()).append(" total, ").append(c.updated()).append(" updated");
    append(s, c.updatedAvailable(), " updated and available");
    append(s, c.available(), " available");
    s.append(", ").append(c.unavailable()).append(" unavailable");
    append(s, c.failed(), " failed");
    return s.toString();
  }

  private static void append(StringBuilder s, OptionalInt n, String what) {
    n.ifPresent(value -> s.append(", ").append(value).append(what));
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("%-14s%s%n", label + ":", value));
  }
}
