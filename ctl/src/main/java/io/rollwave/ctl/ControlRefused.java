package io.rollwave.ctl;

/** The workflow's validator refused a control update; the message is its reason. */
public final class ControlRefused extends RuntimeException {
  public ControlRefused(String reason) {
    super(reason);
  }
}
