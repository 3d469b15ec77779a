package io.rollwave.ctl;

import java.util.List;

/** Rows as kubectl prints them: columns left-aligned, three spaces apart, each line indented. */
final class Table {
  private Table() {}

  static String render(String indent, List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int c = 0; c < row.size(); c++) {
        line.append(c == row.size() - 1 ? row.get(c) : pad(row.get(c), widths[c] + 3));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
