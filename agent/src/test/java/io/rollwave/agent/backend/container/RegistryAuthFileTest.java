package io.rollwave.agent.backend.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAuthFileTest {
  @TempDir Path root;

  @Test
  void writesTheDocumentForTheOwnerOnlyAndReplacesItWhenTheSecretChanges() throws Exception {
    RegistryAuthFile auth = new RegistryAuthFile(root);
    Files.createDirectories(root.resolve("dp"));
    Files.setPosixFilePermissions(root.resolve("dp"), PosixFilePermissions.fromString("rwxr-xr-x"));

    Path dir = auth.write("dp", "{\"auths\":{\"a\":{\"auth\":\"old\"}}}");
    auth.write("dp", "{\"auths\":{\"a\":{\"auth\":\"new\"}}}");

    assertThat(dir).isEqualTo(root.resolve("dp"));
    assertThat(dir.resolve("config.json")).hasContent("{\"auths\":{\"a\":{\"auth\":\"new\"}}}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .as("a directory left readable by others is tightened")
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("config.json"))))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temp file left").containsExactly(dir.resolve("config.json"));
    }
  }

  @Test
  void noSecretDeletesTheOneBeforeAndAMissingOneIsNoError() throws Exception {
    RegistryAuthFile auth = new RegistryAuthFile(root);
    auth.write("dp", "{}");

    assertThat(auth.prepare("dp", Optional.empty())).isEmpty();
    assertThat(root.resolve("dp")).doesNotExist();
    auth.delete("dp");
    assertThat(auth.prepare("other", Optional.of("{}"))).contains(root.resolve("other"));
  }
}
