package io.rollwave.api;

import io.rollwave.testsupport.RepoLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The complete YAML examples of seed 000 (the API contract), read from {@code ../shared/seeds}. The
 * seed's {@code abc123...} checksum is a placeholder, not a digest: {@link #withValidChecksum}
 * swaps it for a real SHA-256, the only change made to an example.
 */
final class SeedExamples {
  static final String SEED = "000_9152e6bb7ec9b4da.txt";
  static final String PLACEHOLDER_CHECKSUM = "abc123...";

  /** sha256("switch-agent v1.2.3"), a real digest standing in for the placeholder. */
  static final String VALID_CHECKSUM =
      "8d4b0e6559a86adf3194da9e5a84d814d7e765845d60fbe69840754f37ca1e56";

  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  private SeedExamples() {}

  static Path seedFile() {
    Path seed = RepoLayout.find().root().resolve("../shared/seeds").resolve(SEED).normalize();
    if (!Files.isRegularFile(seed)) {
      throw new IllegalStateException(
          "seed "
              + seed
              + " not found: the tests read the API contract from ../shared beside"
              + " the repository");
    }
    return seed;
  }

  /** Every ```yaml block of the seed, as written. */
  static List<String> yamlBlocks() {
    try {
      String text = Files.readString(seedFile());
      Matcher m = YAML_BLOCK.matcher(text);
      List<String> blocks = new ArrayList<>();
      while (m.find()) {
        blocks.add(m.group(1));
      }
      return blocks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The block whose {@code kind:} line is {@code kind}. */
  static String example(String kind) {
    return yamlBlocks().stream()
        .filter(b -> b.contains("\nkind: " + kind + "\n"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("seed has no " + kind + " example"));
  }

  static String withValidChecksum(String yaml) {
    return yaml.replace(
        "checksumSHA256: " + PLACEHOLDER_CHECKSUM, "checksumSHA256: " + VALID_CHECKSUM);
  }
}
