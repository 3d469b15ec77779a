package io.rollwave.api.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The three values a condition's status takes. */
public enum ConditionStatus {
  @JsonProperty("True")
  TRUE,
  @JsonProperty("False")
  FALSE,
  @JsonProperty("Unknown")
  UNKNOWN
}
