package io.rollwave.agent;

import static io.rollwave.agent.DeviceProcessFixtures.alive;
import static io.rollwave.agent.DeviceProcessFixtures.condition;
import static io.rollwave.agent.DeviceProcessFixtures.keyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.rollwave.agent.backend.BackendSettings;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.PullSecret;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.tls.NatsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The container backend's pull secret through the whole agent, on a real NATS server: the engine is
 * a shell script named {@code podman} (no engine on this machine) that records its calls and the
 * {@code --authfile} it was given, and plays a container with a local {@code sleep}.
 */
@ExtendWith(RealServers.class)
class AgentContainerPullSecretIT {
  private static final String ENGINE =
      """
      #!/bin/sh
      d="$(dirname "$0")"
      echo "$*" >> "$d/calls"
      case "$1" in
        run)
          [ "$2" = "--authfile" ] && echo "$(stat -c %a "$3") $(cat "$3")" > "$d/auth-seen"
          sleep 300 </dev/null >/dev/null 2>&1 &
          echo $! > "$d/pid"; echo 0123abcd ;;
        inspect)
          [ -f "$d/pid" ] || { echo "Error: no such container" >&2; exit 125; }
          if kill -0 "$(cat "$d/pid")" 2>/dev/null; then echo "$(cat "$d/pid") true 0"
          else echo "0 false 143"; fi ;;
        stop|kill) kill "$(cat "$d/pid")" ;;
        rm) [ -f "$d/pid" ] && kill "$(cat "$d/pid")" 2>/dev/null; rm -f "$d/pid" ;;
      esac
      exit 0
      """;
  private static final String DOCKER_CONFIG =
      "{\"auths\": {\"registry.example:5000\": {\"auth\": \"dTpw\"}}}";

  private static Connection nats;
  private static Path work;

  private static NatsEndpoint endpoint;

  @BeforeAll
  static void start(NatsTestServer server) throws Exception {
    endpoint = server.endpoint();
    nats = server.connect();
    work = RepoLayout.targetDir("agent-container-it");
  }

  @AfterAll
  static void stop() throws Exception {
    nats.close();
  }

  @Test
  void aContainerWaitsForAReadablePullSecretThenIsPulledWithItAndTheFileIsGone() throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/agent-it/tor1-08");
    Path engineDir = Files.createDirectories(work.resolve("engine"));
    Path engine = engineDir.resolve("podman");
    Files.writeString(engine, ENGINE);
    Files.setPosixFilePermissions(engine, PosixFilePermissions.fromString("rwx------"));
    Files.deleteIfExists(engineDir.resolve("calls"));
    Path stateDir = work.resolve(device.name());
    DesiredProcess dp =
        DeviceProcessFixtures.desired(
            device,
            "agent-tor1-08",
            "rev1",
            new Artifact(
                ArtifactType.OCI, "registry.example:5000/rw/agent:v1", "ab".repeat(32), "v1"),
            Backend.CONTAINER);
    String key = keyOf(device, "agent-tor1-08");
    try (Agent agent =
        new Agent(
                new AgentConfig(
                    device,
                    endpoint,
                    stateDir,
                    1,
                    false,
                    work.resolve("init.d"),
                    List.of(),
                    Optional.empty(),
                    BackendSettings.DEFAULT_SYSTEMD_ROOT,
                    BackendSettings.DEFAULT_SYSTEMCTL,
                    Optional.of(engine.toString()),
                    Optional.empty()))
            .start()) {
      KeyValue desired = nats.keyValue(Buckets.DESIRED); // the agent made the bucket
      desired.put(
          key,
          DeviceProcessFixtures.JSON.writeValueAsBytes(
              withSecret(dp, PullSecret.unavailable("regcred", "create it"))));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = DeviceProcessFixtures.status(nats, device, "agent-tor1-08");
                assertThat(s).isNotNull();
                assertThat(s.phase()).isEqualTo(ProcessPhase.Pending);
                assertThat(condition(s, "ArtifactDownloaded").reason())
                    .isEqualTo("PullSecretUnavailable");
              });
      assertThat(engineDir.resolve("calls")).as("no run without its pull secret").doesNotExist();

      desired.put(
          key,
          DeviceProcessFixtures.JSON.writeValueAsBytes(
              withSecret(dp, PullSecret.found("regcred", DOCKER_CONFIG))));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                DeviceProcessStatus s = DeviceProcessFixtures.status(nats, device, "agent-tor1-08");
                assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
                assertThat(alive(s.pid())).isTrue();
                assertThat(condition(s, "ArtifactDownloaded").message())
                    .contains("pulled with pull secret regcred");
              });
      Path authDir = stateDir.resolve("auth").resolve("agent-it_agent-tor1-08");
      assertThat(engineDir.resolve("auth-seen"))
          .as("the engine read the secret's document from a file only the agent's user may read")
          .hasContent("600 " + DOCKER_CONFIG);
      assertThat(Files.readAllLines(engineDir.resolve("calls")))
          .anySatisfy(
              c ->
                  assertThat(c)
                      .startsWith("run --authfile " + authDir.resolve("config.json") + " -d "));
      assertThat(authDir).as("deleted once the engine pulled").doesNotExist();
      long pid = DeviceProcessFixtures.status(nats, device, "agent-tor1-08").pid();

      desired.delete(key);
      await().atMost(Duration.ofSeconds(30)).until(() -> !alive(pid));
    }
  }

  private static DesiredProcess withSecret(DesiredProcess d, PullSecret secret) {
    return new DesiredProcess(
        d.namespace(), d.deviceProcess(), d.revision(), d.generation(), d.spec(), secret);
  }
}
