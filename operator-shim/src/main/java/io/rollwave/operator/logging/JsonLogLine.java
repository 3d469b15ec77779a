package io.rollwave.operator.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.slf4j.event.Level;

/**
 * One log event as one line of JSON, the shape log collectors (Loki, Elasticsearch, Cloud Logging)
 * read without a parser of their own: {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code message} and, with an exception, {@code error} holding its stack trace.
 */
record JsonLogLine(
    Instant time, Level level, String logger, String thread, String message, Throwable error) {

  String render() {
    StringBuilder out = new StringBuilder(160);
    out.append("{\"time\":\"").append(time).append('"');
    field(out, "level", level.name());
    field(out, "logger", logger);
    field(out, "thread", thread);
    field(out, "message", message);
    if (error != null) {
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      field(out, "error", trace.toString().stripTrailing());
    }
    return out.append('}').toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(",\"").append(name).append("\":");
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
