package io.rollwave.rollout.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An absolute count or a percentage of a total, as Kubernetes' maxUnavailable: {@code 3} or {@code
 * "25%"}. Percentages scale the way Kubernetes scales them for the field in question.
 */
public record IntOrPercent(int value, boolean percent) {
  private static final Pattern PERCENT = Pattern.compile("^(\\d{1,3})%$");
  private static final Pattern INT = Pattern.compile("^\\d+$");

  public IntOrPercent {
    if (value < 0) {
      throw new IllegalArgumentException("must not be negative: " + value);
    }
    if (percent && value > 100) {
      throw new IllegalArgumentException("a percentage must be at most 100%: " + value + "%");
    }
  }

  public static IntOrPercent of(int value) {
    return new IntOrPercent(value, false);
  }

  public static IntOrPercent percent(int value) {
    return new IntOrPercent(value, true);
  }

  /** Parses {@code "25%"} or {@code "3"}; the message says what was wrong. */
  public static IntOrPercent parse(String text) {
    String s = text == null ? "" : text.strip();
    Matcher m = PERCENT.matcher(s);
    if (m.matches()) {
      return percent(Integer.parseInt(m.group(1)));
    }
    if (INT.matcher(s).matches() && s.length() <= 9) {
      return of(Integer.parseInt(s));
    }
    throw new IllegalArgumentException(
        "'" + text + "' is neither a non-negative integer nor a percentage such as 25%");
  }

  /**
   * The count this stands for out of {@code total}. Percentages round up when {@code roundUp}
   * (Kubernetes does so for a DaemonSet's maxUnavailable), down otherwise.
   */
  public int scaledTo(int total, boolean roundUp) {
    if (!percent) {
      return value;
    }
    long numerator = (long) value * total;
    return (int) (roundUp ? (numerator + 99) / 100 : numerator / 100);
  }

  @Override
  public String toString() {
    return percent ? value + "%" : Integer.toString(value);
  }
}
