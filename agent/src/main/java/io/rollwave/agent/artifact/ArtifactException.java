package io.rollwave.agent.artifact;

/** An artifact could not be made ready; {@code reason} is the condition reason status reports. */
public final class ArtifactException extends Exception {
  private final String reason;
  private final boolean retryable;

  public ArtifactException(String reason, String message, boolean retryable) {
    super(message);
    this.reason = reason;
    this.retryable = retryable;
  }

  public String reason() {
    return reason;
  }

  /** A download error is worth retrying; a checksum mismatch or a refused URL is not. */
  public boolean retryable() {
    return retryable;
  }
}
