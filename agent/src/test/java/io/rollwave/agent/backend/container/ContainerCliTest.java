package io.rollwave.agent.backend.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerCliTest {
  @TempDir Path dir;

  private Path executable(String subdir, String name) throws Exception {
    Path f = Files.createDirectories(dir.resolve(subdir)).resolve(name);
    Files.writeString(f, "#!/bin/sh\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    return f;
  }

  @Test
  void podmanBeforeDockerWhereverTheyAreOnPath() throws Exception {
    Path docker = executable("a", "docker");
    Path podman = executable("b", "podman");
    String path = dir.resolve("a") + ":" + dir.resolve("b");
    assertThat(ContainerCli.find(Optional.empty(), path)).contains(podman.toString());
    Files.delete(podman);
    assertThat(ContainerCli.find(Optional.empty(), path)).contains(docker.toString());
  }

  @Test
  void theConfiguredOneWinsAndNoneIsEmpty() throws Exception {
    executable("a", "podman");
    assertThat(ContainerCli.find(Optional.of("/opt/docker"), dir.resolve("a").toString()))
        .contains("/opt/docker");
    assertThat(ContainerCli.find(Optional.empty(), dir.resolve("empty").toString())).isEmpty();
  }
}
