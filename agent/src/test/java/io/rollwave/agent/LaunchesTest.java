package io.rollwave.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.Limits;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.nats.PullSecret;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.ProcessResources;
import io.rollwave.api.process.ResourceLimits;
import io.rollwave.api.process.RestartPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LaunchesTest {
  private static final Map<String, String> ENV = Map.of("ROLLWAVE_ARTIFACT", "/cache/abc");

  private static DeviceProcessSpec spec(Backend backend, List<String> command, List<String> args) {
    return spec(backend, command, args, null);
  }

  private static DeviceProcessSpec spec(
      Backend backend, List<String> command, List<String> args, ProcessResources resources) {
    return new DeviceProcessSpec(
        new DeviceRef("NetworkSwitch", "tor1-01", null),
        new Artifact(ArtifactType.OCI, "registry.example/agent:v1", "ab".repeat(32), null),
        new Execution(backend, command, args, null, null, "rollwave", resources),
        RestartPolicy.OnFailure,
        null);
  }

  private static LaunchSpec launch(DeviceProcessSpec spec, Optional<String> image) {
    return Launches.of("dp", spec, ENV, Path.of("/w"), Path.of("/l.log"), image, Optional.empty());
  }

  @Test
  void aProcessRunsCommandThenArgsExpanded() {
    LaunchSpec l =
        launch(
            spec(Backend.EXEC, List.of("/bin/sh", "${ROLLWAVE_ARTIFACT}"), List.of("--v")),
            Optional.empty());
    assertThat(l.command()).containsExactly("/bin/sh", "/cache/abc", "--v");
    assertThat(l.entrypoint()).isEmpty();
    assertThat(l.image()).isEmpty();
    assertThat(l.restartPolicy()).isEqualTo(RestartPolicy.OnFailure);
    assertThat(l.user()).contains("rollwave");
  }

  @Test
  void resourceLimitsArriveInTheBackendsUnits() {
    LaunchSpec l =
        launch(
            spec(
                Backend.SYSTEMD,
                List.of("/agent"),
                null,
                new ProcessResources(
                    new ResourceLimits(new Quantity("64Mi"), new Quantity("250m")))),
            Optional.empty());
    assertThat(l.limits()).isEqualTo(new Limits(OptionalLong.of(64L << 20), OptionalLong.of(250)));
    assertThat(launch(spec(Backend.EXEC, List.of("/agent"), null), Optional.empty()).limits())
        .isEqualTo(Limits.NONE);
  }

  @Test
  void aContainersCommandReplacesTheEntrypoint() {
    LaunchSpec l =
        launch(
            spec(Backend.CONTAINER, List.of("/agent", "serve"), List.of("--port", "1")),
            Optional.of("img@sha256:x"));
    assertThat(l.entrypoint()).contains("/agent");
    assertThat(l.command()).containsExactly("serve", "--port", "1");
    assertThat(l.image()).contains("img@sha256:x");
  }

  @Test
  void aContainerWithoutCommandKeepsTheImagesEntrypoint() {
    LaunchSpec l =
        launch(spec(Backend.CONTAINER, null, List.of("--port", "1")), Optional.of("img@sha256:x"));
    assertThat(l.entrypoint()).isEmpty();
    assertThat(l.command()).containsExactly("--port", "1");
  }

  @Test
  void aPullSecretGoesWithAnImageOnly() {
    DeviceProcessSpec spec = spec(Backend.CONTAINER, null, null);
    Optional<PullSecret> secret = Optional.of(PullSecret.found("regcred", "{\"auths\":{}}"));
    Path w = Path.of("/w");
    Path l = Path.of("/l.log");

    assertThat(Launches.of("dp", spec, ENV, w, l, Optional.of("img@sha256:x"), secret).pullSecret())
        .contains("{\"auths\":{}}");
    assertThat(Launches.of("dp", spec, ENV, w, l, Optional.empty(), secret).pullSecret())
        .as("the agent downloads other artifacts itself")
        .isEmpty();
    assertThat(
            Launches.of(
                    "dp",
                    spec,
                    ENV,
                    w,
                    l,
                    Optional.of("img@sha256:x"),
                    Optional.of(PullSecret.unavailable("regcred", "no such Secret")))
                .pullSecret())
        .isEmpty();
  }
}
