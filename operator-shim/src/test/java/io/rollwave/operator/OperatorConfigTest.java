package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.operator.lead.LeaderElection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
    assertThat(c.leaderElection()).as("one replica unless told: the demo, most ITs").isEmpty();
  }

  static Stream<Arguments> elections() {
    Map<String, String> pod = Map.of("POD_NAMESPACE", "rollwave-system", "POD_NAME", "op-7f-x2");
    return Stream.of(
        Arguments.of(
            "in a pod: the downward API names lease namespace and identity",
            new String[] {"--leader-election"},
            pod,
            new LeaderElection("rollwave-operator", "rollwave-system", "op-7f-x2")),
        Arguments.of(
            "flags win over the pod's environment",
            new String[] {
              "--leader-election",
              "--lease-name",
              "ops-lock",
              "--lease-namespace",
              "ops",
              "--leader-identity",
              "a"
            },
            pod,
            new LeaderElection("ops-lock", "ops", "a")),
        Arguments.of(
            "without POD_NAME the hostname names the replica",
            new String[] {"--leader-election", "--lease-namespace", "ops"},
            Map.of("HOSTNAME", "box-1"),
            new LeaderElection("rollwave-operator", "ops", "box-1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elections")
  void leaderElectionIsSetByFlagsThenThePodsEnvironment(
      String why, String[] args, Map<String, String> env, LeaderElection expected) {
    assertThat(OperatorConfig.fromArgs(args, env).leaderElection()).hasValue(expected);
  }

  static Stream<Arguments> badElections() {
    return Stream.of(
        Arguments.of(
            new String[] {"--leader-election"},
            Map.of("POD_NAME", "op-1"),
            "--leader-election needs the namespace of its Lease: pass --lease-namespace NS or set"
                + " POD_NAMESPACE"),
        Arguments.of(
            new String[] {"--leader-election", "--lease-namespace", "Ops_1"},
            Map.of(),
            "--lease-namespace must be a namespace name, got 'Ops_1'"),
        Arguments.of(
            new String[] {"--leader-election", "--lease-name", "Lock!"},
            Map.of("POD_NAMESPACE", "ops"),
            "--lease-name must be a Kubernetes object name"),
        Arguments.of(
            new String[] {"--lease-namespace", "ops"},
            Map.of(),
            "--lease-name, --lease-namespace and --leader-identity need --leader-election"));
  }

  @ParameterizedTest
  @MethodSource("badElections")
  void leaderElectionFailsAtStartSayingWhatToSet(
      String[] args, Map<String, String> env, String message) {
    assertThatThrownBy(() -> OperatorConfig.fromArgs(args, env)).hasMessageContaining(message);
  }

  @Test
  void withoutTheFlagThePodsEnvironmentElectsNothing() {
    assertThat(
            OperatorConfig.fromArgs(new String[0], Map.of("POD_NAMESPACE", "ops")).leaderElection())
        .isEqualTo(Optional.empty());
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
