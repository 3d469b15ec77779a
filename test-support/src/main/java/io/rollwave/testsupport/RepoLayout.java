package io.rollwave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Finds the repository root, the pinned server versions and the binaries dev-env.sh built. */
public final class RepoLayout {
  private static final String VERSIONS_FILE = "scripts/versions.env";

  private final Path root;

  private RepoLayout(Path root) {
    this.root = root;
  }

  /** The repository that contains the working directory (Maven runs tests in a module folder). */
  public static RepoLayout find() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(VERSIONS_FILE))) {
        return new RepoLayout(p);
      }
    }
    throw new IllegalStateException(
        "cannot find " + VERSIONS_FILE + " above " + dir + ": run the tests inside the repository");
  }

  public Path root() {
    return root;
  }

  public Path crdDir() {
    return root.resolve("charts/rollwave/crds");
  }

  /** The versions pinned in scripts/versions.env, e.g. {@code K8S_VERSION -> 1.34.4}. */
  public Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(root.resolve(VERSIONS_FILE))) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
          continue;
        }
        int eq = trimmed.indexOf('=');
        versions.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root.resolve(VERSIONS_FILE), e);
    }
    return versions;
  }

  public String version(String key) {
    String v = versions().get(key);
    if (v == null) {
      throw new IllegalStateException(key + " is missing from " + root.resolve(VERSIONS_FILE));
    }
    return v;
  }

  /** Where dev-env.sh put the binaries: $ROLLWAVE_CACHE/bin, by default ~/.cache/rollwave/bin. */
  public static Path binDir() {
    String cache = System.getenv("ROLLWAVE_CACHE");
    Path base =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache", "rollwave");
    return base.resolve("bin");
  }

  /** A binary dev-env.sh built; fails with the command that builds it when it is missing. */
  public static Path binary(String name) {
    Path p = binDir().resolve(name);
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(
          name
              + " not found at "
              + p
              + ": run scripts/dev-env.sh install (it builds "
              + name
              + " from its Go module; set ROLLWAVE_CACHE if you built it elsewhere)");
    }
    return p;
  }

  /** A folder for a test run's files under the module's target/. */
  public static Path targetDir(String name) {
    Path p = Path.of("target", name).toAbsolutePath();
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
