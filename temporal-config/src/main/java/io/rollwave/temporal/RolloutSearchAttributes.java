package io.rollwave.temporal;

import io.temporal.api.enums.v1.IndexedValueType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The search attributes of rollout workflows, read from {@code rollwave-search-attributes.txt}
 * (NAME=TYPE lines), the one list that the dev server, the tests and {@link TemporalSetup} share.
 */
public final class RolloutSearchAttributes {
  public static final String RESOURCE = "/rollwave-search-attributes.txt";

  private RolloutSearchAttributes() {}

  public static List<SearchAttributeDefinition> all() {
    try (InputStream in = RolloutSearchAttributes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Parses NAME=TYPE lines, skipping blanks and # comments; TYPE is Keyword, Int, Bool, ... */
  static List<SearchAttributeDefinition> parse(List<String> lines) {
    List<SearchAttributeDefinition> out = new ArrayList<>();
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || eq == line.length() - 1) {
        throw new IllegalArgumentException(
            RESOURCE + " line " + lineNo + ": expected NAME=TYPE, got '" + line + "'");
      }
      String name = line.substring(0, eq).strip();
      String type = line.substring(eq + 1).strip();
      out.add(new SearchAttributeDefinition(name, indexedType(type, lineNo)));
    }
    return List.copyOf(out);
  }

  private static IndexedValueType indexedType(String type, int lineNo) {
    String constant =
        "INDEXED_VALUE_TYPE_"
            + switch (type) {
              case "KeywordList" -> "KEYWORD_LIST";
              case "Datetime" -> "DATETIME";
              default -> type.toUpperCase(Locale.ROOT);
            };
    try {
      IndexedValueType t = IndexedValueType.valueOf(constant);
      if (t == IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED) {
        throw new IllegalArgumentException(constant);
      }
      return t;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          RESOURCE
              + " line "
              + lineNo
              + ": unknown search attribute type '"
              + type
              + "' (Keyword, Text, Int, Double, Bool, Datetime or KeywordList)",
          e);
    }
  }
}
