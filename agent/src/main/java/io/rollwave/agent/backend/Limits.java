package io.rollwave.agent.backend;

import io.fabric8.kubernetes.api.model.Quantity;
import io.rollwave.api.process.ProcessResources;
import io.rollwave.api.process.ResourceLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A DeviceProcess's resource limits in the units backends take: memory in bytes, CPU in thousandths
 * of a core, each rounded up. Pure.
 */
public record Limits(OptionalLong memoryBytes, OptionalLong cpuMillis) {
  public static final Limits NONE = new Limits(OptionalLong.empty(), OptionalLong.empty());

  /**
   * The limits {@code resources} gives (none when null).
   *
   * @throws IllegalArgumentException naming the field, when a quantity is unreadable, not positive
   *     or too large
   */
  public static Limits of(ProcessResources resources) {
    ResourceLimits limits = resources == null ? null : resources.limits();
    if (limits == null) {
      return NONE;
    }
    return new Limits(
        amount(limits.memory(), BigDecimal.ONE, "memory"),
        amount(limits.cpu(), BigDecimal.valueOf(1000), "cpu"));
  }

  private static OptionalLong amount(Quantity quantity, BigDecimal unit, String field) {
    if (quantity == null) {
      return OptionalLong.empty();
    }
    String written = quantity.toString();
    BigDecimal amount;
    try {
      amount = quantity.getNumericalAmount().multiply(unit).setScale(0, RoundingMode.CEILING);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "resources.limits." + field + " '" + written + "' is not a quantity", e);
    }
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException(
          "resources.limits." + field + " '" + written + "' must be more than 0");
    }
    try {
      return OptionalLong.of(amount.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "resources.limits." + field + " '" + written + "' is too large", e);
    }
  }

  public boolean any() {
    return memoryBytes.isPresent() || cpuMillis.isPresent();
  }

  /** systemd's {@code MemoryMax=}: bytes. */
  public Optional<String> memoryMax() {
    return memoryBytes.isPresent()
        ? Optional.of(Long.toString(memoryBytes.getAsLong()))
        : Optional.empty();
  }

  /** systemd's {@code CPUQuota=}: percent of one core, rounded up (500m is 50%, 2 is 200%). */
  public Optional<String> cpuQuota() {
    return cpuMillis.isPresent()
        ? Optional.of((cpuMillis.getAsLong() + 9) / 10 + "%")
        : Optional.empty();
  }

  /** A container engine's {@code --cpus}: cores, to the thousandth (500m is 0.500). */
  public Optional<String> cpus() {
    return cpuMillis.isPresent()
        ? Optional.of(BigDecimal.valueOf(cpuMillis.getAsLong(), 3).toPlainString())
        : Optional.empty();
  }

  /** A container engine's {@code --memory}: bytes, with the {@code b} unit both engines read. */
  public Optional<String> memory() {
    return memoryBytes.isPresent() ? Optional.of(memoryBytes.getAsLong() + "b") : Optional.empty();
  }
}
