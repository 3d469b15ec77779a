package io.rollwave.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writes kube-apiserver counted for one resource, read from its Prometheus {@code /metrics}
 * text ({@code apiserver_request_total}), keyed by verb and subresource ("PATCH status").
 */
public final class ApiServerWrites {
  private static final Set<String> WRITE_VERBS = Set.of("POST", "PUT", "PATCH", "DELETE", "APPLY");
  private static final Pattern LINE =
      Pattern.compile("^apiserver_request_total\\{([^}]*)}\\s+([0-9.eE+-]+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private ApiServerWrites() {}

  /** Write requests to {@code resource} by "VERB" or "VERB subresource". */
  public static Map<String, Long> of(String metrics, String resource) {
    return byResource(metrics).getOrDefault(resource, new TreeMap<>());
  }

  /**
   * Write requests to every resource but {@code resource}, by "resource VERB" or "resource VERB
   * subresource": what else the control plane wrote (deployment status, events, revisions).
   */
  public static Map<String, Long> allBut(String metrics, String resource) {
    Map<String, Long> writes = new TreeMap<>();
    byResource(metrics)
        .forEach(
            (r, counts) -> {
              if (!r.equals(resource)) {
                counts.forEach((key, n) -> writes.put(r + " " + key, n));
              }
            });
    return writes;
  }

  private static Map<String, Map<String, Long>> byResource(String metrics) {
    Map<String, Map<String, Long>> writes = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      Map<String, String> labels = labels(m.group(1));
      String verb = labels.getOrDefault("verb", "");
      String resource = labels.getOrDefault("resource", "");
      if (resource.isEmpty() || !WRITE_VERBS.contains(verb)) {
        continue;
      }
      String sub = labels.getOrDefault("subresource", "");
      String key = sub.isEmpty() ? verb : verb + " " + sub;
      writes
          .computeIfAbsent(resource, r -> new TreeMap<>())
          .merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return writes;
  }

  /** {@code after - before}, per key; keys with no change are left out. */
  public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach(
        (k, v) -> {
          long d = v - before.getOrDefault(k, 0L);
          if (d != 0) {
            delta.put(k, d);
          }
        });
    return delta;
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    Matcher m = LABEL.matcher(text);
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }
}
