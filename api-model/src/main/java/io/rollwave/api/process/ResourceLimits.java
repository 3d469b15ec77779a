package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The most the process may use, written as a container's {@code resources.limits}: {@code memory}
 * in bytes ({@code 64Mi}, {@code 1G}) and {@code cpu} in cores ({@code 500m}, {@code 1}). The
 * systemd backend enforces them with {@code MemoryMax=} and {@code CPUQuota=}, the container
 * backend with {@code --memory} and {@code --cpus}; exec and initd have no way to, and their
 * ProcessStarted condition says so.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.memory) || (isQuantity(string(self.memory)) && quantity(string(self.memory)).isGreaterThan(quantity('0')))",
    message = "memory must be a positive quantity of bytes, such as 64Mi or 1G")
@ValidationRule(
    value =
        "!has(self.cpu) || (isQuantity(string(self.cpu)) && quantity(string(self.cpu)).isGreaterThan(quantity('0')))",
    message = "cpu must be a positive quantity of cores, such as 500m or 1")
public record ResourceLimits(
    @JsonPropertyDescription(
            "memory is the most memory the process may use, a positive quantity of bytes such as"
                + " 64Mi or 1G (systemd MemoryMax=, container --memory).")
        Quantity memory,
    @JsonPropertyDescription(
            "cpu is the most CPU the process may use, a positive quantity of cores such as 500m"
                + " or 1 (systemd CPUQuota=, container --cpus).")
        Quantity cpu) {}
