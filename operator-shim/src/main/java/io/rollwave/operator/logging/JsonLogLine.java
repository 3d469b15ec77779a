package io.rollwave.operator.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.slf4j.event.Level;

/**
 * One log event as one line of JSON, the shape log collectors (Loki, Elasticsearch, Cloud Logging)
 * read without a parser of their own: {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code message} and, with an exception, {@code error} holding its stack trace.
 */
record JsonLogLine(
    Instant time, Level level, String logger, String thread, String message, Throwable error) {
  private static final JsonFactory JSON = new JsonFactory();

  String render() {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", time.toString());
      g.writeStringField("level", level.name());
      g.writeStringField("logger", logger);
      g.writeStringField("thread", thread);
      g.writeStringField("message", message);
      if (error != null) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        g.writeStringField("error", trace.toString().stripTrailing());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a log line to a string", e);
    }
    return out.toString();
  }
}
