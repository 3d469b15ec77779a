package io.rollwave.agent;

/** An artifact could not be made ready; {@code reason} is the condition reason status reports. */
final class ArtifactException extends Exception {
  private final String reason;
  private final boolean retryable;

  ArtifactException(String reason, String message, boolean retryable) {
    super(message);
    this.reason = reason;
    this.retryable = retryable;
  }

  String reason() {
    return reason;
  }

  /** A download error is worth retrying; a checksum mismatch or a refused URL is not. */
  boolean retryable() {
    return retryable;
  }
}
