package io.rollwave.ctl;

import java.util.Arrays;
import java.util.Optional;

/** The plugin's verbs, as typed after {@code kubectl rollwave}. */
public enum Verb {
  STATUS,
  GET,
  PAUSE,
  RESUME,
  ABORT,
  RETRY,
  PROMOTE,
  UNDO,
  HISTORY,
  PLAN,
  HELP;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the verb changes the rollout through a Temporal update. */
  public boolean controls() {
    return switch (this) {
      case PAUSE, RESUME, ABORT, RETRY, PROMOTE, UNDO -> true;
      default -> false;
    };
  }

  static Optional<Verb> of(String word) {
    return Arrays.stream(values()).filter(v -> v.word().equals(word)).findFirst();
  }
}
