package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;

/**
 * A canary step's pause: timed when {@code duration} is set (e.g. 10m), otherwise until resumed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pause(@Pattern("^[0-9]+(s|m|h)$") String duration) {}
