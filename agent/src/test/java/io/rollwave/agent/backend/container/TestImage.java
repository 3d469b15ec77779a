package io.rollwave.agent.backend.container;

import io.rollwave.agent.backend.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image made on this machine, with no registry or network: this host's {@code /bin/sh}
 * and {@code sleep} with the libraries {@code ldd} names, packed as a root filesystem tar for
 * {@code <cli> import}.
 */
final class TestImage {
  private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x[0-9a-f]+\\)");
  private static final List<String> PROGRAMS = List.of("/bin/sh", "/bin/sleep");

  private TestImage() {}

  /** Fills {@code root} with the programs and their libraries; returns the tar of it. */
  static Path rootfsTar(Path root, CommandRunner runner) throws IOException {
    Set<Path> files = new LinkedHashSet<>();
    for (String program : PROGRAMS) {
      files.add(Path.of(program));
      Matcher m = LIBRARY.matcher(runner.checked(List.of("ldd", program)).output());
      while (m.find()) {
        files.add(Path.of(m.group(1)));
      }
    }
    for (Path f : files) {
      Path target = root.resolve(f.toString().substring(1));
      Files.createDirectories(target.getParent());
      Files.copy(f.toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
      target.toFile().setExecutable(true, false);
    }
    Path tar = root.resolveSibling(root.getFileName() + ".tar");
    List<String> command = new ArrayList<>(List.of("tar", "-C", root.toString(), "-cf"));
    command.addAll(List.of(tar.toString(), "."));
    runner.checked(command);
    return tar;
  }
}
