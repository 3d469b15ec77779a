package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsWithoutFlagsOrEnvironment() {
    OperatorConfig c = OperatorConfig.fromArgs(new String[0], Map.of());
    assertThat(c.temporalTarget()).isEqualTo("localhost:7233");
    assertThat(c.natsUrl()).isEqualTo("tls://localhost:4222");
    assertThat(c.nats().insecure()).as("NATS is TLS unless asked otherwise").isFalse();
    assertThat(c.temporalTls().enabled()).isFalse();
    assertThat(c.namespace()).isEmpty();
    assertThat(c.taskQueue()).isEqualTo("rollwave-rollouts");
    assertThat(c.inventoryKinds()).containsExactly("NetworkSwitch", "SOC", "Server", "BMC", "DPU");
    assertThat(c.allowCrossNamespaceDevices()).as("cross-namespace devices are opt-in").isFalse();
    assertThat(c.metricsPort()).as("the port the chart probes and scrapes").isEqualTo(8080);
  }

  @Test
  void metricsPortIsAPortOrZeroForNone() {
    assertThat(
            OperatorConfig.fromArgs(new String[] {"--metrics-port", "0"}, Map.of()).metricsPort())
        .isZero();
    assertThat(
            OperatorConfig.fromArgs(new String[] {"--metrics-port", "9100"}, Map.of())
                .metricsPort())
        .isEqualTo(9100);
    assertThatThrownBy(
            () -> OperatorConfig.fromArgs(new String[] {"--metrics-port", "70000"}, Map.of()))
        .hasMessageContaining("--metrics-port must be between 1 and 65535, or 0");
    assertThatThrownBy(
            () -> OperatorConfig.fromArgs(new String[] {"--metrics-port", "http"}, Map.of()))
        .hasMessageContaining("--metrics-port must be a port number");
  }

  @Test
  void crossNamespaceDevicesAreAllowedOnlyByTheBareFlag() {
    assertThat(
            OperatorConfig.fromArgs(
                    new String[] {"--allow-cross-namespace-devices", "--namespace", "b"}, Map.of())
                .allowCrossNamespaceDevices())
        .isTrue();
    assertThatThrownBy(
            () -> OperatorConfig.fromMap(Map.of("allow-cross-namespace-devices", "yes"), Map.of()))
        .hasMessageContaining("--allow-cross-namespace-devices takes no value");
  }

  @Test
  void flagsWinOverEnvironment() {
    OperatorConfig c =
        OperatorConfig.fromArgs(
            new String[] {
              "--temporal", "t:7000", "--namespace", "infra-system", "--inventory-kinds", "DPU"
            },
            Map.of("TEMPORAL_ADDRESS", "env:1", "NATS_URL", "tls://env:4222"));
    assertThat(c.temporalTarget()).isEqualTo("t:7000");
    assertThat(c.natsUrl()).isEqualTo("tls://env:4222");
    assertThat(c.namespace()).hasValue("infra-system");
    assertThat(c.inventoryKinds()).containsExactly("DPU");
  }

  @Test
  void badValuesNameTheFlag() {
    assertThatThrownBy(
            () -> OperatorConfig.fromArgs(new String[] {"--temporal", "nohost"}, Map.of()))
        .hasMessageContaining("--temporal must be HOST:PORT");
    assertThatThrownBy(
            () -> OperatorConfig.fromArgs(new String[] {"--nats", "localhost:4222"}, Map.of()))
        .hasMessageContaining("--nats must be a URL");
    assertThatThrownBy(
            () -> OperatorConfig.fromArgs(new String[] {"--kubeconfig", "/no/such/file"}, Map.of()))
        .hasMessageContaining("--kubeconfig /no/such/file");
    assertThatThrownBy(() -> OperatorConfig.fromArgs(new String[] {"--colour", "red"}, Map.of()))
        .hasMessageContaining("unknown flag --colour");
    assertThatThrownBy(() -> OperatorConfig.fromArgs(new String[] {"--namespace"}, Map.of()))
        .hasMessageContaining("--namespace needs a value");
    assertThatThrownBy(
            () -> OperatorConfig.fromArgs(new String[] {"--inventory-kinds", "switch"}, Map.of()))
        .hasMessageContaining("--inventory-kinds");
  }

  @Test
  void helpIsNotAnError() {
    assertThatThrownBy(() -> OperatorConfig.fromArgs(new String[] {"--help"}, Map.of()))
        .isInstanceOf(OperatorConfig.HelpRequested.class);
  }
}
