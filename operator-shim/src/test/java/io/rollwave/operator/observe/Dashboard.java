package io.rollwave.operator.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwave.testsupport.RepoLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The chart's Grafana dashboard: its PromQL queries and the metric names they read. */
public final class Dashboard {
  public static final Path FILE = Path.of("charts", "rollwave", "dashboards", "rollwave.json");

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "offset",
          "bool",
          "inf",
          "nan");
  private static final Pattern IDENTIFIER =
      Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(?=\\s*(\\()?)");

  private Dashboard() {}

  /** Every query of the dashboard: panel targets and template variables. */
  public static List<String> queries() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(RepoLayout.find().root().resolve(FILE).toFile());
    List<String> queries = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
    dashboard
        .path("templating")
        .path("list")
        .forEach(
            v -> {
              if (v.path("type").asText().equals("query")) {
                queries.add(v.path("definition").asText());
              }
            });
    return queries;
  }

  /**
   * The metric names in a PromQL expression: identifiers that are not functions, keywords, label
   * names (in braces, by/without/on lists) or ranges.
   */
  public static Set<String> metricNames(String promql) {
    String bare =
        promql
            .replaceAll("\"(\\\\.|[^\"])*\"", "")
            .replaceAll("\\{[^}]*}", "")
            .replaceAll("\\[[^]]*]", "")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
            .replaceAll(",\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)", ")"); // label_values(m, label)
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      boolean call = m.group(1) != null;
      String word = m.group();
      if (!call && !KEYWORDS.contains(word.toLowerCase()) && !word.matches("\\d.*")) {
        names.add(word);
      }
    }
    return names;
  }

  /** The metric names every query of the dashboard reads. */
  public static Set<String> metricNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String query : queries()) {
      names.addAll(metricNames(query));
    }
    return names;
  }
}
