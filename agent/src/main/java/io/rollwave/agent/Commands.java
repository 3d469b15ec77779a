package io.rollwave.agent;

import java.util.List;
import java.util.Map;

/** Expands {@code ${NAME}} references to the process environment in a command line. Pure. */
final class Commands {
  private Commands() {}

  static List<String> expand(List<String> words, Map<String, String> env) {
    return words.stream().map(w -> expand(w, env)).toList();
  }

  static String expand(String word, Map<String, String> env) {
    String out = word;
    for (Map.Entry<String, String> e : env.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    return out;
  }
}
