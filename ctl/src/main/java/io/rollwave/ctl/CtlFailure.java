package io.rollwave.ctl;

/** A command that ran and failed: the message says what failed and what to do; exit code 1. */
public final class CtlFailure extends RuntimeException {
  public CtlFailure(String message) {
    super(message);
  }

  public CtlFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
