package io.rollwave.agent.backend.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rollwave.agent.backend.BackendChecks;
import io.rollwave.agent.backend.CommandRunner;
import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.Limits;
import io.rollwave.agent.backend.ProcessCommandRunner;
import io.rollwave.agent.backend.RunningProcess;
import io.rollwave.api.process.RestartPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container backend against the machine's own podman or docker engine. Runs only where {@code
 * <cli> info} answers; elsewhere it is aborted with the CLI's own words. The image is made here
 * ({@link TestImage}, imported: no registry or network needed) and run by its content digest.
 */
class ContainerBackendIT {
  private static final CommandRunner RUNNER = new ProcessCommandRunner(Duration.ofSeconds(300));
  private static final String NAME = "container-it-" + ProcessHandle.current().pid();
  private static final String IMAGE_TAG = "localhost/rollwave-it:" + ProcessHandle.current().pid();

  @TempDir Path authRoot;
  private String cli;
  private ContainerBackend backend;

  /** In each test, so the skip and its reason show in the report. */
  @BeforeEach
  void requireAnEngine() throws Exception {
    Optional<String> found =
        ContainerCli.find(
            Optional.ofNullable(System.getenv("ROLLWAVE_CONTAINER_CLI")), System.getenv("PATH"));
    if (found.isEmpty()) {
      Assumptions.abort("neither podman nor docker is on PATH: no container engine to drive");
    }
    cli = found.get();
    CommandRunner.Result info = RUNNER.run(List.of(cli, "info"));
    if (!info.ok()) {
      String said =
          info.output()
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .reduce((a, b) -> b)
              .orElse("(no output)");
      Assumptions.abort(
          "the "
              + Path.of(cli).getFileName()
              + " CLI exists at "
              + cli
              + " but no container engine answers '"
              + cli
              + " info' (exit "
              + info.exitCode()
              + "): "
              + said);
    }
    backend = new ContainerBackend(cli, RUNNER, Duration.ofSeconds(10), authRoot);
  }

  @AfterEach
  void removeContainerAndImage() throws Exception {
    if (backend != null) {
      backend.remove(NAME);
      RUNNER.run(List.of(cli, "rmi", IMAGE_TAG));
    }
  }

  @Test
  void runsAdoptsStopsAndRemovesARealContainerPinnedByImageId(@TempDir Path dir) throws Exception {
    Path tar = TestImage.rootfsTar(Files.createDirectories(dir.resolve("rootfs")), RUNNER);
    RUNNER.checked(List.of(cli, "import", tar.toString(), IMAGE_TAG));
    // the image's content digest, as this engine writes it: the run is pinned to exactly it
    String pinned =
        RUNNER
            .checked(List.of(cli, "image", "inspect", "-f", "{{.Id}}", IMAGE_TAG))
            .output()
            .strip();

    RunningProcess p =
        backend.start(
            new LaunchSpec(
                NAME,
                List.of(
                    "-c",
                    "echo started $GREETING; trap 'exit 3' TERM; while true; do sleep 1; done"),
                Map.of("GREETING", "hello", "PATH", "/bin"),
                Path.of("/"),
                Path.of("/dev/null"),
                RestartPolicy.Never,
                Optional.empty(),
                Optional.of(pinned),
                Optional.of("/bin/sh"),
                Optional.empty(),
                Limits.NONE));

    assertThat(ProcessHandle.of(p.pid()))
        .as("the container's pid %d on this host", p.pid())
        .isPresent();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(RUNNER.run(List.of(cli, "logs", "rollwave-" + NAME)).output())
                    .contains("started hello"));
    BackendChecks.adoptableUntilStopped(backend, NAME, p, 3);

    backend.remove(NAME);
    assertThat(RUNNER.run(List.of(cli, "inspect", "rollwave-" + NAME)).ok())
        .as("container removed")
        .isFalse();
  }
}
