package io.rollwave.api.deployment;

import io.rollwave.api.Bounds;

/**
 * CEL rules for the int-or-percent fields (maxUnavailable and friends) and the messages they give:
 * the integer form within {@link Bounds#MAX_COUNT}, the string form a percentage as {@link
 * Bounds#PERCENT_PATTERN} writes it (the rollout planner's parser accepts exactly these). Each rule
 * sits on its field, so {@code self} is the value. The chart's CRDs give these fields a {@code
 * maxLength} of {@link Bounds#MAX_PERCENT_LENGTH} (fabric8's generator cannot; ChartCrdsTest adds
 * it), which keeps the regular expression within the API server's CEL cost budget in the list of
 * steps.
 */
final class IntOrPercentRules {
  static final String POSITIVE =
      "type(self) == int ? self >= 1 && self <= "
          + Bounds.MAX_COUNT
          + " : self != '0%' && self.matches('"
          + Bounds.PERCENT_PATTERN
          + "')";
  static final String NON_NEGATIVE =
      "type(self) == int ? self >= 0 && self <= "
          + Bounds.MAX_COUNT
          + " : self.matches('"
          + Bounds.PERCENT_PATTERN
          + "')";

  static final String POSITIVE_MESSAGE =
      "must be an integer from 1 to " + Bounds.MAX_COUNT + " or a percentage from 1% to 100%";
  static final String NON_NEGATIVE_MESSAGE =
      "must be an integer from 0 to " + Bounds.MAX_COUNT + " or a percentage from 0% to 100%";

  private IntOrPercentRules() {}
}
