package io.rollwave.api.deployment;

/**
 * CEL rules for the int-or-percent fields (maxUnavailable and friends) and the messages they give.
 */
final class IntOrPercentRules {
  static final String POSITIVE_MESSAGE =
      " must be a positive integer (1, 2, ...) or a percentage from 1% to 100%";
  static final String NON_NEGATIVE_MESSAGE =
      " must be an integer of at least 0 or a percentage from 0% to 100%";

  static final String MAX_UNAVAILABLE =
      "!has(self.maxUnavailable) || (type(self.maxUnavailable) == int ? self.maxUnavailable >= 1"
          + " : self.maxUnavailable.matches('^(100|[1-9][0-9]?)%$'))";
  static final String MAX_UNAVAILABLE_PER_PARTITION =
      "!has(self.maxUnavailablePerPartition) || (type(self.maxUnavailablePerPartition) == int"
          + " ? self.maxUnavailablePerPartition >= 1"
          + " : self.maxUnavailablePerPartition.matches('^(100|[1-9][0-9]?)%$'))";

  /**
   * Steps sit in a list, where a regular expression over an unbounded string exceeds the API
   * server's CEL cost budget; this cheaper rule catches the common mistakes and the planner rejects
   * the rest with a condition.
   */
  static final String BATCH =
      "!has(self.batch) || (type(self.batch) == int ? self.batch >= 1"
          + " : (self.batch.endsWith('%') && size(self.batch) >= 2 && size(self.batch) <= 4"
          + " && !self.batch.startsWith('0')))";

  static final String MAX_FAILURES =
      "!has(self.maxFailures) || (type(self.maxFailures) == int ? self.maxFailures >= 0"
          + " : self.maxFailures.matches('^(100|[1-9]?[0-9])%$'))";

  private IntOrPercentRules() {}
}
