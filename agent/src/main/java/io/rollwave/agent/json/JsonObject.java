package io.rollwave.agent.json;

import io.nats.client.support.JsonParseException;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A JSON object read with jnats' parser (which the agent loads anyway), with typed getters. An
 * absent field, or one set to {@code null}, reads as null (or the fallback given); a field of
 * another type is an {@link IOException} naming its path ({@code spec.execution.command[1]}) and
 * what was expected, as is input that is not JSON. Unknown fields are ignored. jnats' parser is
 * lenient: it accepts a trailing comma and ignores what follows the first complete value.
 */
public final class JsonObject {
  private final Map<String, JsonValue> fields;
  private final String path;

  /** Reads one field's value; may throw when it has the wrong shape. */
  public interface Reads<T> {
    T read(JsonObject object) throws IOException;
  }

  private JsonObject(Map<String, JsonValue> fields, String path) {
    this.fields = fields;
    this.path = path;
  }

  /** Parses a document whose top level must be an object. */
  public static JsonObject parse(byte[] json) throws IOException {
    JsonValue root;
    try {
      root = JsonParser.parse(json);
    } catch (JsonParseException e) {
      throw new IOException("not JSON: " + e.getMessage(), e);
    }
    if (root.type != JsonValue.Type.MAP) {
      throw new IOException(
          "expected a JSON object, got " + (json.length == 0 ? "nothing" : describe(root)));
    }
    return new JsonObject(root.map, "");
  }

  public boolean has(String name) {
    return fields.containsKey(name);
  }

  /** The string, or null. */
  public String string(String name) throws IOException {
    JsonValue v = fields.get(name);
    return v == null ? null : text(v, pathOf(name));
  }

  public String string(String name, String fallback) throws IOException {
    String s = string(name);
    return s == null ? fallback : s;
  }

  /** A string, or a number as its text; null when absent. */
  public String scalar(String name) throws IOException {
    JsonValue v = fields.get(name);
    if (v != null && v.number != null) {
      return v.number.toString();
    }
    return string(name);
  }

  /** The integer number, or null. */
  public Long longOrNull(String name) throws IOException {
    JsonValue v = fields.get(name);
    return v == null ? null : whole(v, pathOf(name), Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public long longValue(String name, long fallback) throws IOException {
    Long l = longOrNull(name);
    return l == null ? fallback : l;
  }

  /** The integer number, or null; one outside int's range is an error. */
  public Integer integer(String name) throws IOException {
    JsonValue v = fields.get(name);
    return v == null ? null : (int) whole(v, pathOf(name), Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public int intValue(String name, int fallback) throws IOException {
    Integer i = integer(name);
    return i == null ? fallback : i;
  }

  /**
   * The enum constant whose wire name ({@code wireName}) the field holds, or null; another value is
   * an error listing the ones allowed.
   */
  public <E extends Enum<E>> E choice(String name, E[] values, Function<E, String> wireName)
      throws IOException {
    String s = string(name);
    if (s == null) {
      return null;
    }
    for (E e : values) {
      if (wireName.apply(e).equals(s)) {
        return e;
      }
    }
    throw new IOException(
        pathOf(name)
            + ": '"
            + s
            + "' is not one of "
            + Arrays.stream(values).map(wireName).collect(Collectors.joining(", ")));
  }

  /** The nested object read by {@code reads}, or null. */
  public <T> T object(String name, Reads<T> reads) throws IOException {
    JsonValue v = fields.get(name);
    return v == null ? null : reads.read(object(v, pathOf(name)));
  }

  /** The nested object read by {@code reads}; an absent one is an error. */
  public <T> T required(String name, Reads<T> reads) throws IOException {
    if (!fields.containsKey(name)) {
      throw new IOException(pathOf(name) + " is missing");
    }
    return object(name, reads);
  }

  /** The list of strings, or null. */
  public List<String> strings(String name) throws IOException {
    List<JsonValue> array = array(name);
    if (array == null) {
      return null;
    }
    List<String> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(text(array.get(i), pathOf(name) + "[" + i + "]"));
    }
    return Collections.unmodifiableList(list);
  }

  /** The list of objects, each read by {@code reads}, or null. */
  public <T> List<T> objects(String name, Reads<T> reads) throws IOException {
    List<JsonValue> array = array(name);
    if (array == null) {
      return null;
    }
    List<T> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(reads.read(object(array.get(i), pathOf(name) + "[" + i + "]")));
    }
    return Collections.unmodifiableList(list);
  }

  /** The fields of the nested object {@code name}, each an object, in document order. */
  public Map<String, JsonObject> objectsByName(String name) throws IOException {
    JsonValue v = fields.get(name);
    if (v == null) {
      return Map.of();
    }
    JsonObject nested = object(v, pathOf(name));
    Map<String, JsonObject> byName = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : nested.fields.entrySet()) {
      byName.put(e.getKey(), object(e.getValue(), nested.pathOf(e.getKey())));
    }
    return byName;
  }

  private List<JsonValue> array(String name) throws IOException {
    JsonValue v = fields.get(name);
    if (v == null) {
      return null;
    }
    if (v.type != JsonValue.Type.ARRAY) {
      throw wrong(pathOf(name), "an array", v);
    }
    return v.array;
  }

  /** The path of field {@code name}, for an error about it. */
  public String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static JsonObject object(JsonValue v, String path) throws IOException {
    if (v.type != JsonValue.Type.MAP) {
      throw wrong(path, "an object", v);
    }
    return new JsonObject(v.map, path);
  }

  private static String text(JsonValue v, String path) throws IOException {
    if (v.type != JsonValue.Type.STRING) {
      throw wrong(path, "a string", v);
    }
    return v.string;
  }

  private static long whole(JsonValue v, String path, long min, long max) throws IOException {
    boolean integral = v.type == JsonValue.Type.INTEGER || v.type == JsonValue.Type.LONG;
    if (!integral || v.number.longValue() < min || v.number.longValue() > max) {
      throw wrong(path, "a whole number" + (max == Integer.MAX_VALUE ? " (32 bits)" : ""), v);
    }
    return v.number.longValue();
  }

  private static IOException wrong(String path, String expected, JsonValue got) {
    return new IOException(path + ": expected " + expected + ", got " + describe(got));
  }

  private static String describe(JsonValue v) {
    return switch (v.type) {
      case STRING -> "a string"; // not its value: it may be a credential
      case MAP -> "an object";
      case ARRAY -> "an array";
      case NULL -> "null";
      case BOOL -> "" + v.bool;
      default -> "the number " + v.number;
    };
  }
}
