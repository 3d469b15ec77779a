package io.rollwave.api;

/**
 * The largest (and smallest) values the API accepts, in one place: the CRD schema's {@code
 * maximum}s and CEL rules, and the code that reads the fields (the rollout planner's int-or-percent
 * parser), use these, so the API server refuses exactly what Rollwave could not handle. Every bound
 * fits a Java {@code int} with room for the arithmetic done on it (seconds times 1000 as a {@code
 * long}, counts times 100 for a percentage).
 */
public final class Bounds {
  /** Seconds in a day: the most a bake time, a progress deadline or a probe timing may take. */
  public static final int DAY_SECONDS = 86_400;

  /** Seconds in a year of 365 days: the longest timed pause of a canary step. */
  public static final int YEAR_SECONDS = 31_536_000;

  /**
   * The largest count of devices or probe results: the integer form of {@code maxUnavailable},
   * {@code maxUnavailablePerPartition}, a step's {@code batch}, {@code maxFailures}, and probe
   * thresholds. Ten times the 100,000 devices Rollwave is built for.
   */
  public static final int MAX_COUNT = 1_000_000;

  /**
   * The string form of an int-or-percent field: a percentage from 0% to 100%, written without
   * leading zeros or spaces.
   */
  public static final String PERCENT_PATTERN = "^(100|[1-9]?[0-9])%$";

  /** "100%": the longest string an int-or-percent field holds. */
  public static final int MAX_PERCENT_LENGTH = 4;

  /**
   * A label value: letters, digits, '-', '_' or '.', starting and ending alphanumeric, or empty.
   */
  public static final String LABEL_VALUE_PATTERN = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";

  /** The most ControllerRevisions a deployment keeps for rollback. */
  public static final int MAX_REVISION_HISTORY = 1_000;

  /** The largest value of an int32 status field: what the model's {@code Integer} holds. */
  public static final int MAX_INT32 = Integer.MAX_VALUE;

  /**
   * The longest deployment name: the name is the value of the {@code rollwave.io/deployment} and
   * {@code app} labels of its DeviceProcesses, and a label value holds at most 63 characters.
   */
  public static final int MAX_LABEL_VALUE = 63;

  /** The most labels (or annotations) a deployment's template may add to its DeviceProcesses. */
  public static final int MAX_TEMPLATE_LABELS = 64;

  private Bounds() {}
}
