package io.rollwave.ctl;

import io.rollwave.ctl.CtlCommand.TemporalFlags;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the plugin finds Temporal: the flag, else the environment ({@code TEMPORAL_ADDRESS}, {@code
 * TEMPORAL_NAMESPACE}, as the Temporal CLI reads them), else the config file ({@code
 * temporal.address}, {@code temporal.namespace}), else the dev server's {@code localhost:7233} and
 * {@code default}. {@code from} says which, so an error can name what to change.
 */
public record TemporalSettings(String address, String namespace, String from) {
  public static final String ADDRESS_ENV = "TEMPORAL_ADDRESS";
  public static final String NAMESPACE_ENV = "TEMPORAL_NAMESPACE";
  public static final String ADDRESS_KEY = "temporal.address";
  public static final String NAMESPACE_KEY = "temporal.namespace";
  public static final String DEFAULT_ADDRESS = "localhost:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  /** How to set the address, for messages. */
  public static final String HOW_TO_SET =
      "set it with --temporal-address HOST:PORT, the "
          + ADDRESS_ENV
          + " environment variable or "
          + ADDRESS_KEY
          + " in ~/.config/rollwave/ctl.properties";

  public static TemporalSettings resolve(
      TemporalFlags flags, Map<String, String> env, Properties file, Path filePath) {
    String address;
    String from;
    if (flags.address().isPresent()) {
      address = flags.address().get();
      from = "--temporal-address";
    } else if (present(env.get(ADDRESS_ENV))) {
      address = env.get(ADDRESS_ENV);
      from = ADDRESS_ENV;
    } else if (present(file.getProperty(ADDRESS_KEY))) {
      address = file.getProperty(ADDRESS_KEY).trim();
      from = ADDRESS_KEY + " in " + filePath;
    } else {
      address = DEFAULT_ADDRESS;
      from = "the default";
    }
    String namespace =
        flags
            .namespace()
            .or(() -> Optional.ofNullable(env.get(NAMESPACE_ENV)).filter(TemporalSettings::present))
            .or(
                () ->
                    Optional.ofNullable(file.getProperty(NAMESPACE_KEY))
                        .map(String::trim)
                        .filter(TemporalSettings::present))
            .orElse(DEFAULT_NAMESPACE);
    return new TemporalSettings(address, namespace, from);
  }

  /**
   * The config file: {@code $ROLLWAVE_CTL_CONFIG}, else {@code
   * $XDG_CONFIG_HOME/rollwave/ctl.properties}, else {@code ~/.config/rollwave/ctl.properties}.
   */
  public static Path configFile(Map<String, String> env, Path home) {
    if (present(env.get("ROLLWAVE_CTL_CONFIG"))) {
      return Path.of(env.get("ROLLWAVE_CTL_CONFIG"));
    }
    Path base =
        present(env.get("XDG_CONFIG_HOME"))
            ? Path.of(env.get("XDG_CONFIG_HOME"))
            : home.resolve(".config");
    return base.resolve("rollwave").resolve("ctl.properties");
  }

  /** The file's properties; none when it does not exist. */
  public static Properties read(Path file) {
    Properties props = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        props.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return props;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
