package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.rollwave.api.Bounds;

/**
 * A canary step's pause: timed when {@code duration} is set (e.g. 10m, at most a year), otherwise
 * until resumed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pause(
    @JsonPropertyDescription(
            "duration is how long the step pauses, as digits then s, m or h (e.g. 10m), at most a"
                + " year ("
                + Bounds.YEAR_SECONDS
                + "s). Unset, the pause holds until the rollout is resumed or promoted.")
        @Pattern(Pause.DURATION)
        @Size(max = 10)
        @ValidationRule(
            value =
                "!self.matches('"
                    + Pause.DURATION
                    + "') || int(self.substring(0, size(self) - 1))"
                    + " * (self.endsWith('h') ? 3600 : self.endsWith('m') ? 60 : 1) <= "
                    + Bounds.YEAR_SECONDS,
            message =
                "a pause may last at most a year: "
                    + Bounds.YEAR_SECONDS
                    + "s, "
                    + Bounds.YEAR_SECONDS / 60
                    + "m or "
                    + Bounds.YEAR_SECONDS / 3600
                    + "h")
        String duration) {
  /** Up to nine digits, then s, m or h. */
  static final String DURATION = "^[0-9]{1,9}(s|m|h)$";
}
