package io.rollwave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.rollwave.tls.NatsEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/dev-env.sh up} gives a shell what the README promises: kubectl sees the CRDs, the
 * Temporal CLI sees the namespace, and NATS answers with JetStream.
 */
class DevEnvIT {
  private static final Path SCRIPT = RepoLayout.find().root().resolve("scripts/dev-env.sh");
  // TLS on, JWT auth off: the NATS authority is made by the operator's build, which comes after
  // this module; DemoE2E runs dev-env with both on, as a user gets it
  private static final Map<String, String> RUN_DIR =
      Map.of(
          "ROLLWAVE_RUN_DIR",
          RepoLayout.targetDir("dev-env-it").resolve("run").toString(),
          "ROLLWAVE_NATS_AUTH",
          "none");
  private static final Map<String, String> exports = new HashMap<>();

  @BeforeAll
  static void up() {
    Commands.run(List.of("bash", SCRIPT.toString(), "down"), RUN_DIR, null, Duration.ofMinutes(1));
    String out =
        Commands.run(
            List.of("bash", SCRIPT.toString(), "up"), RUN_DIR, null, Duration.ofMinutes(3));
    for (String line : out.split("\n")) {
      if (line.startsWith("export ") && line.contains("=")) {
        String kv = line.substring("export ".length());
        exports.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
  }

  @AfterAll
  static void down() {
    Commands.run(List.of("bash", SCRIPT.toString(), "down"), RUN_DIR, null, Duration.ofMinutes(1));
  }

  @Test
  void printsEveryExportAShellNeeds() {
    assertThat(exports).containsKeys("KUBECONFIG", "TEMPORAL_ADDRESS", "NATS_URL", "PATH");
    assertThat(exports.get("PATH")).startsWith(RepoLayout.binDir().toString());
  }

  @Test
  void kubectlListsDeploymentsInAllNamespaces() {
    assertThat(
            tool(
                "kubectl",
                "--kubeconfig",
                exports.get("KUBECONFIG"),
                "get",
                "deviceprocessdeployments",
                "-A"))
        .contains("No resources found");
  }

  @Test
  void temporalCliListsTheDefaultNamespace() {
    assertThat(
            tool(
                "temporal",
                "operator",
                "namespace",
                "list",
                "--address",
                exports.get("TEMPORAL_ADDRESS")))
        .contains("default");
  }

  @Test
  void natsAnswersWithJetStreamOverTlsWithTheExportedCa() throws Exception {
    assertThat(exports.get("NATS_URL")).startsWith("tls://127.0.0.1:");
    assertThat(exports).containsKey("ROLLWAVE_NATS_CA").doesNotContainKey("ROLLWAVE_INSECURE_NATS");
    NatsEndpoint endpoint =
        NatsEndpoint.from(name -> java.util.Optional.empty(), Map.copyOf(exports));
    try (Connection connection = endpoint.connect(endpoint.options())) {
      assertThat(connection.jetStreamManagement().getAccountStatistics().getStreams()).isZero();
    }
    assertThatThrownBy(
            () ->
                Nats.connect(
                        NatsEndpoint.insecure(exports.get("NATS_URL").replace("tls://", "nats://"))
                            .options()
                            .maxReconnects(0)
                            .build())
                    .close())
        .as("a plain-text client is refused")
        .isInstanceOf(Exception.class);
  }

  @Test
  void statusShowsEveryServerRunning() {
    String out =
        Commands.run(
            List.of("bash", SCRIPT.toString(), "status"), RUN_DIR, null, Duration.ofSeconds(30));
    assertThat(out)
        .contains(
            "etcd: running",
            "kube-apiserver: running",
            "nats-server: running",
            "temporal: running");
  }

  private static String tool(String binary, String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add(RepoLayout.binary(binary).toString());
    command.addAll(List.of(args));
    return Commands.run(command, Duration.ofSeconds(30));
  }
}
