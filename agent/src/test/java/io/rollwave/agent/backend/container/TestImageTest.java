package io.rollwave.agent.backend.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.agent.backend.CommandRunner;
import io.rollwave.agent.backend.ProcessCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image ContainerBackendIT imports is complete: its shell runs inside it on its own. */
class TestImageTest {
  @TempDir Path dir;

  @Test
  void holdsAShellAndSleepWithTheirLibraries() throws Exception {
    CommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(60));
    Path tar = TestImage.rootfsTar(Files.createDirectories(dir.resolve("rootfs")), runner);

    assertThat(runner.checked(List.of("tar", "-tf", tar.toString())).output())
        .contains("./bin/sh", "./bin/sleep", "libc.so.6");
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    runner.checked(List.of("tar", "-C", unpacked.toString(), "-xf", tar.toString()));
    // as in the container: only the tar's own loader and libraries, none of the host's
    Path loader = find(unpacked, "ld-linux");
    String libs = find(unpacked, "libc.so.6").getParent().toString();
    CommandRunner.Result sh =
        runner.run(
            List.of(
                loader.toString(),
                "--library-path",
                libs,
                unpacked.resolve("bin/sh").toString(),
                "-c",
                "echo ok"));
    assertThat(sh.output()).isEqualTo("ok\n");
    CommandRunner.Result sleep =
        runner.run(
            List.of(
                loader.toString(),
                "--library-path",
                libs,
                unpacked.resolve("bin/sleep").toString(),
                "0"));
    assertThat(sleep.exitCode()).as(sleep.output()).isZero();
  }

  private static Path find(Path root, String namePrefix) throws java.io.IOException {
    try (var files = Files.walk(root)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(namePrefix))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + namePrefix + "* in the image"));
    }
  }
}
