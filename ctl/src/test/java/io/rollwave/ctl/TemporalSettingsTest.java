package io.rollwave.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.ctl.CtlCommand.TemporalFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemporalSettingsTest {
  private static final Path FILE = Path.of("/home/u/.config/rollwave/ctl.properties");

  static Stream<Arguments> sources() {
    TemporalFlags none = TemporalFlags.NONE;
    TemporalFlags flags = new TemporalFlags(Optional.of("flag:1"), Optional.of("flagns"));
    Map<String, String> env = Map.of("TEMPORAL_ADDRESS", "env:2", "TEMPORAL_NAMESPACE", "envns");
    Properties file = new Properties();
    file.setProperty("temporal.address", " file:3 ");
    file.setProperty("temporal.namespace", "filens");
    Properties empty = new Properties();
    return Stream.of(
        Arguments.of(
            flags, env, file, new TemporalSettings("flag:1", "flagns", "--temporal-address")),
        Arguments.of(none, env, file, new TemporalSettings("env:2", "envns", "TEMPORAL_ADDRESS")),
        Arguments.of(
            none,
            Map.of(),
            file,
            new TemporalSettings("file:3", "filens", "temporal.address in " + FILE)),
        Arguments.of(
            none,
            Map.of("TEMPORAL_ADDRESS", " "),
            empty,
            new TemporalSettings("localhost:7233", "default", "the default")),
        Arguments.of(
            new TemporalFlags(Optional.empty(), Optional.of("flagns")),
            Map.of(),
            file,
            new TemporalSettings("file:3", "flagns", "temporal.address in " + FILE)));
  }

  @ParameterizedTest
  @MethodSource("sources")
  void flagsWinOverEnvironmentOverFileOverDefaults(
      TemporalFlags flags, Map<String, String> env, Properties file, TemporalSettings expected) {
    assertThat(TemporalSettings.resolve(flags, env, file, FILE)).isEqualTo(expected);
  }

  static Stream<Arguments> files() {
    Path home = Path.of("/home/u");
    return Stream.of(
        Arguments.of(Map.of(), home.resolve(".config/rollwave/ctl.properties")),
        Arguments.of(Map.of("XDG_CONFIG_HOME", "/x"), Path.of("/x/rollwave/ctl.properties")),
        Arguments.of(
            Map.of("ROLLWAVE_CTL_CONFIG", "/etc/ctl.properties", "XDG_CONFIG_HOME", "/x"),
            Path.of("/etc/ctl.properties")));
  }

  @ParameterizedTest
  @MethodSource("files")
  void findsTheConfigFileAsDocumented(Map<String, String> env, Path expected) {
    assertThat(TemporalSettings.configFile(env, Path.of("/home/u"))).isEqualTo(expected);
  }

  @Test
  void readsTheFileAndTreatsAMissingOneAsEmpty(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ctl.properties");
    assertThat(TemporalSettings.read(file)).isEmpty();
    Files.writeString(file, "temporal.address=t.example:7233\n");
    assertThat(TemporalSettings.read(file).getProperty("temporal.address"))
        .isEqualTo("t.example:7233");
  }
}
