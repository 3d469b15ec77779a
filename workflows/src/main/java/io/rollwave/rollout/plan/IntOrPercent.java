package io.rollwave.rollout.plan;

import io.rollwave.api.Bounds;
import java.util.regex.Pattern;

/**
 * An absolute count or a percentage of a total, as Kubernetes' maxUnavailable: {@code 3} or {@code
 * "25%"}. Percentages scale the way Kubernetes scales them for the field in question. {@link
 * #parse} accepts exactly what the CRD schema lets through an int-or-percent field: an integer from
 * 0 to {@link Bounds#MAX_COUNT} or a percentage as {@link Bounds#PERCENT_PATTERN} writes it (the
 * schema's rule of each field may demand more, such as at least 1).
 */
public record IntOrPercent(int value, boolean percent) {
  private static final Pattern PERCENT = Pattern.compile(Bounds.PERCENT_PATTERN);
  private static final Pattern INT = Pattern.compile("^(0|[1-9][0-9]{0,8})$");

  public IntOrPercent {
    if (value < 0) {
      throw new IllegalArgumentException("must not be negative: " + value);
    }
    if (percent && value > 100) {
      throw new IllegalArgumentException("a percentage must be at most 100%: " + value + "%");
    }
    if (!percent && value > Bounds.MAX_COUNT) {
      throw new IllegalArgumentException(
          "a count must be at most " + Bounds.MAX_COUNT + ": " + value);
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
    String s = text == null ? "" : text;
    if (PERCENT.matcher(s).matches()) {
      return percent(Integer.parseInt(s.substring(0, s.length() - 1)));
    }
    if (INT.matcher(s).matches() && Integer.parseInt(s) <= Bounds.MAX_COUNT) {
      return of(Integer.parseInt(s));
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is neither an integer from 0 to "
            + Bounds.MAX_COUNT
            + " nor a percentage from 0% to 100% such as 25%");
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
