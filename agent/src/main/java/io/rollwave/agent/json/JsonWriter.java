package io.rollwave.agent.json;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes compact JSON the way the operator's Jackson does (fields in the order given, no spaces;
 * {@code "}, {@code \}, control characters and each half of a surrogate pair escaped, other
 * non-ASCII characters as UTF-8), so a payload the agent writes is byte for byte what Jackson would
 * write for the same record. The {@code ...IfSet} methods leave out a null, as
 * {@code @JsonInclude(NON_NULL)} does; the others write it as {@code null}.
 */
public final class JsonWriter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** How one value of type {@code T} is written. */
  public interface Writes<T> {
    void write(JsonWriter out, T value);
  }

  private final StringBuilder out = new StringBuilder(256);
  private boolean afterValue;

  /** The JSON of {@code value}, as UTF-8. */
  public static <T> byte[] toBytes(T value, Writes<T> writes) {
    JsonWriter w = new JsonWriter();
    writes.write(w, value);
    return w.out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public JsonWriter beginObject() {
    separate();
    out.append('{');
    afterValue = false;
    return this;
  }

  public JsonWriter endObject() {
    out.append('}');
    afterValue = true;
    return this;
  }

  public JsonWriter field(String name, String value) {
    name(name);
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    afterValue = true;
    return this;
  }

  public JsonWriter field(String name, long value) {
    name(name);
    out.append(value);
    afterValue = true;
    return this;
  }

  /** A nested value, or {@code null}. */
  public <T> JsonWriter field(String name, T value, Writes<T> writes) {
    if (value == null) {
      return field(name, (String) null);
    }
    name(name);
    afterValue = false;
    writes.write(this, value);
    afterValue = true;
    return this;
  }

  public JsonWriter fieldIfSet(String name, String value) {
    return value == null ? this : field(name, value);
  }

  /** An Integer or Long, left out when null. */
  public JsonWriter fieldIfSet(String name, Number value) {
    return value == null ? this : field(name, value.longValue());
  }

  public <T> JsonWriter fieldIfSet(String name, T value, Writes<T> writes) {
    return value == null ? this : field(name, value, writes);
  }

  /** A list of strings, left out when null. */
  public JsonWriter stringsIfSet(String name, List<String> values) {
    return listIfSet(name, values, JsonWriter::string);
  }

  /** A list of values written by {@code writes}, left out when null. */
  public <T> JsonWriter listIfSet(String name, List<T> values, Writes<T> writes) {
    return values == null ? this : list(name, values, writes);
  }

  /** A list of values written by {@code writes}, or {@code null}; null elements as {@code null}. */
  public <T> JsonWriter list(String name, List<T> values, Writes<T> writes) {
    if (values == null) {
      return field(name, (String) null);
    }
    name(name);
    out.append('[');
    afterValue = false;
    for (T v : values) {
      if (v == null) {
        separate();
        out.append("null");
        afterValue = true;
      } else {
        writes.write(this, v);
      }
    }
    out.append(']');
    afterValue = true;
    return this;
  }

  /** A string as an array element. */
  public void string(String value) {
    separate();
    quote(value);
    afterValue = true;
  }

  private void name(String name) {
    separate();
    quote(name);
    out.append(':');
  }

  private void separate() {
    if (afterValue) {
      out.append(',');
    }
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            out.append("\\u")
                .append(HEX[c >> 12])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
