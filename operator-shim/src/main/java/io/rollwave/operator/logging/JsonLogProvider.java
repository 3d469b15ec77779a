package io.rollwave.operator.logging;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Structured logs for the operator: one JSON object per line on standard error. Chosen explicitly
 * with {@code -Dslf4j.provider=io.rollwave.operator.logging.JsonLogProvider
 * -Dslf4j.internal.verbosity=WARN} (the chart's {@code logFormat: json}; the second flag keeps
 * SLF4J's own note about the choice out of the stream); not registered as a service, so plain-text
 * logging stays the default and SLF4J never sees two providers. The level is {@code
 * -Drollwave.log.level} (default info), and a logger (or a package) gets its own with {@code
 * -Drollwave.log.level.<name>=warn}.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
  public static final String LEVEL_PROPERTY = "rollwave.log.level";

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory;

  public JsonLogProvider() {
    this(System.err, Clock.systemUTC());
  }

  JsonLogProvider(PrintStream out, Clock clock) {
    this.factory =
        name -> loggers.computeIfAbsent(name, n -> new JsonLogger(n, levelOf(n), out, clock));
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  /** The level set for the logger's name or its nearest enclosing package, else the default. */
  static Level levelOf(String name) {
    for (String n = name;
        !n.isEmpty();
        n = n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : "") {
      String set = System.getProperty(LEVEL_PROPERTY + "." + n);
      if (set != null) {
        return parse(set, LEVEL_PROPERTY + "." + n);
      }
    }
    return parse(System.getProperty(LEVEL_PROPERTY, "info"), LEVEL_PROPERTY);
  }

  private static Level parse(String value, String property) {
    try {
      return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "-D" + property + "=" + value + ": use one of trace, debug, info, warn, error", e);
    }
  }
}
