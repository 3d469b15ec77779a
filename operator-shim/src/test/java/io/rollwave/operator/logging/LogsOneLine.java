package io.rollwave.operator.logging;

import org.slf4j.LoggerFactory;

/** A process that logs one line, for {@link JsonLogProviderTest}. */
final class LogsOneLine {
  private LogsOneLine() {}

  public static void main(String[] args) {
    LoggerFactory.getLogger(LogsOneLine.class).info("hello {}", 7);
  }
}
