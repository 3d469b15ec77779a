package io.rollwave.rollout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search attributes the servers register (temporal-config's NAME=TYPE list), read from the
 * source tree: this module does not depend on temporal-config, and the tests must see every one.
 */
final class RegisteredSearchAttributes {
  static final Path FILE =
      Path.of("../temporal-config/src/main/resources/rollwave-search-attributes.txt");

  private RegisteredSearchAttributes() {}

  /** Name to type ({@code Keyword}, {@code Int}), in the file's order. */
  static Map<String, String> all() {
    try {
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : Files.readAllLines(FILE)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.put(l.substring(0, l.indexOf('=')).strip(), l.substring(l.indexOf('=') + 1).strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
    }
  }
}
