package io.rollwave.api.deployment;

import io.rollwave.api.Bounds;

/**
 * CEL rules for the int-or-percent fields (maxUnavailable and friends) and the messages they give:
 * the integer form within {@link Bounds#MAX_COUNT}, the string form a percentage as {@link
 * Bounds#PERCENT_PATTERN} writes it (the rollout planner's parser accepts exactly these). Each rule
 * sits on its field, so {@code self} is the value; {@link #MAX_PERCENT_LENGTH} keeps the regular
 * expression cheap enough for the API server's CEL cost budget, even inside the list of steps.
 */
final class IntOrPercentRules {
  /** "100%" is the longest percentage. */
  static final long MAX_PERCENT_LENGTH = 4;

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
