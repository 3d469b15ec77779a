package io.rollwave.ctl;

/** A command line the plugin cannot run: the message says what is wrong; usage follows it. */
public final class UsageError extends RuntimeException {
  public UsageError(String message) {
    super(message);
  }
}
