package io.rollwave.agent.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.rollwave.api.process.ProcessResources;
import io.rollwave.api.process.ResourceLimits;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static Limits of(String memory, String cpu) {
    return Limits.of(
        new ProcessResources(
            new ResourceLimits(
                memory == null ? null : new Quantity(memory),
                cpu == null ? null : new Quantity(cpu))));
  }

  @Test
  void quantitiesBecomeBytesAndThousandthsOfACore() {
    assertThat(of("64Mi", "500m"))
        .isEqualTo(new Limits(OptionalLong.of(67_108_864), OptionalLong.of(500)));
    assertThat(of("1G", "2"))
        .isEqualTo(new Limits(OptionalLong.of(1_000_000_000), OptionalLong.of(2000)));
    assertThat(of("1.5Ki", "0.25"))
        .isEqualTo(new Limits(OptionalLong.of(1536), OptionalLong.of(250)));
  }

  @Test
  void fractionsRoundUpSoALimitIsNeverZero() {
    assertThat(of(null, "1m").cpuQuota()).contains("1%");
    assertThat(of(null, "0.0001").cpuMillis()).hasValue(1);
    assertThat(of("0.5", null).memoryBytes()).hasValue(1);
  }

  @Test
  void absentMeansNoLimit() {
    assertThat(Limits.of(null)).isEqualTo(Limits.NONE);
    assertThat(Limits.of(new ProcessResources(null))).isEqualTo(Limits.NONE);
    assertThat(of("64Mi", null).cpuMillis()).isEmpty();
    assertThat(Limits.NONE.any()).isFalse();
    assertThat(of(null, "1").any()).isTrue();
  }

  @Test
  void systemdAndContainerEnginesGetTheirOwnSpelling() {
    Limits limits = of("64Mi", "1500m");
    assertThat(limits.memoryMax()).contains("67108864");
    assertThat(limits.cpuQuota()).contains("150%");
    assertThat(limits.memory()).contains("67108864b");
    assertThat(limits.cpus()).contains("1.500");
    assertThat(Limits.NONE.cpus()).isEqualTo(Optional.empty());
  }

  @Test
  void aLimitThatIsNotPositiveOrNotAQuantityIsRefusedNamingTheField() {
    assertThatThrownBy(() -> of("0", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resources.limits.memory '0' must be more than 0");
    assertThatThrownBy(() -> of(null, "-1"))
        .hasMessage("resources.limits.cpu '-1' must be more than 0");
    assertThatThrownBy(() -> of("lots", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("resources.limits.memory 'lots'");
    assertThatThrownBy(() -> of("100E", null))
        .hasMessage("resources.limits.memory '100E' is too large");
  }
}
