package io.rollwave.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads YAML/JSON into plain trees and finds where one tree is not contained in another. */
final class YamlTrees {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private YamlTrees() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String yamlOrJson) {
    try {
      return YAML.readValue(yamlOrJson, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
    }
  }

  static String json(Object tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * The paths at which {@code expected} is not found in {@code actual}: every map key of expected
   * present with a contained value, lists of the same length element by element, scalars equal
   * (numbers compared by value). Empty when expected is contained; extra fields in actual, such as
   * defaults the API server filled in, are allowed.
   */
  static List<String> missing(Object expected, Object actual) {
    List<String> out = new ArrayList<>();
    walk("", expected, actual, out);
    return out;
  }

  private static void walk(String path, Object expected, Object actual, List<String> out) {
    if (expected instanceof Map<?, ?> em) {
      if (!(actual instanceof Map<?, ?> am)) {
        out.add(path + ": expected an object, got " + actual);
        return;
      }
      em.forEach((k, v) -> walk(path + "." + k, v, am.get(k), out));
    } else if (expected instanceof List<?> el) {
      if (!(actual instanceof List<?> al) || al.size() != el.size()) {
        out.add(path + ": expected " + el + ", got " + actual);
        return;
      }
      for (int i = 0; i < el.size(); i++) {
        walk(path + "[" + i + "]", el.get(i), al.get(i), out);
      }
    } else if (expected instanceof Number en && actual instanceof Number an) {
      if (Double.compare(en.doubleValue(), an.doubleValue()) != 0) {
        out.add(path + ": expected " + en + ", got " + an);
      }
    } else if (expected == null ? actual != null : !expected.equals(actual)) {
      out.add(path + ": expected " + expected + ", got " + actual);
    }
  }
}
