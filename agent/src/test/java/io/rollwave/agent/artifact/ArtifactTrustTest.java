package io.rollwave.agent.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.agent.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTrustTest {
  @TempDir Path dir;

  @Test
  void caFileFlagIsRepeatableAndMustBeReadable() throws Exception {
    Path a = Files.writeString(dir.resolve("a.pem"), "x");
    Path b = Files.writeString(dir.resolve("b.pem"), "y");
    AgentConfig c =
        AgentConfig.fromArgs(
            new String[] {
              "--device",
              "A/b/c",
              "--state-dir",
              "/s",
              "--ca-file",
              a.toString(),
              "--ca-file",
              b.toString()
            },
            Map.of());
    assertThat(c.caFiles()).containsExactly(a, b);
    assertThatThrownBy(
            () ->
                AgentConfig.fromArgs(
                    new String[] {
                      "--device", "A/b/c", "--state-dir", "/s", "--ca-file", dir + "/missing.pem"
                    },
                    Map.of()))
        .hasMessageContaining("--ca-file " + dir + "/missing.pem cannot be read");
  }

  @Test
  void fileWithoutACertificateIsRefusedByNameAtOnceEvenWhenTheTrustIsLazy() throws Exception {
    Path notPem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN NOTHING-----\n");

    assertThatThrownBy(() -> ArtifactTrust.sslContext(List.of(notPem)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--ca-file " + notPem);
    assertThatThrownBy(() -> ArtifactTrust.lazy(List.of(notPem)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--ca-file " + notPem);
  }

  @Test
  void lazyTrustOfTheJvmCasIsBuiltOnceWhenAskedFor() {
    var trust = ArtifactTrust.lazy(List.of());

    assertThat(trust.get()).isNotNull().isSameAs(trust.get());
  }
}
