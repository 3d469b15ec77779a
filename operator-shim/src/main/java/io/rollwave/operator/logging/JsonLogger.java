package io.rollwave.operator.logging;

import java.io.PrintStream;
import java.time.Clock;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that writes each event enabled by its level as one {@link JsonLogLine}. */
final class JsonLogger extends LegacyAbstractLogger {
  private final transient Level threshold;
  private final transient PrintStream out;
  private final transient Clock clock;

  JsonLogger(String name, Level threshold, PrintStream out, Clock clock) {
    this.name = name;
    this.threshold = threshold;
    this.out = out;
    this.clock = clock;
  }

  private boolean enabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    var formatted = MessageFormatter.arrayFormat(pattern, arguments, throwable);
    String line =
        new JsonLogLine(
                clock.instant(),
                level,
                name,
                Thread.currentThread().getName(),
                formatted.getMessage(),
                formatted.getThrowable())
            .render();
    out.println(line);
  }
}
