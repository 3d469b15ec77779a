package io.rollwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rollwave.testsupport.RepoLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rollwave demo}, the README's first command, as a user types it: with its defaults, and
 * while it runs a second one on the same machine, as two people would. Each must exit 0 with no
 * exception in its output, roll out both versions and roll the bad one back, on servers of its own
 * in a run directory of its own that is gone when it ends.
 */
class DemoE2E {
  private static final Path REPO = RepoLayout.find().root();
  private static final Path WORK = RepoLayout.targetDir("e2e-demo");
  private static final Duration LIMIT = Duration.ofMinutes(15);

  /** A stack trace or an exception's name, anywhere in the output. */
  private static final Pattern EXCEPTION =
      Pattern.compile("(?m)(Exception\\b|^\\s+at [\\w$.]+\\(|^Caused by: |\\bError: )");

  /** One demo that ended: its exit code and output. */
  private record Ended(String name, int exitCode, String output) {
    static Ended of(Launched demo) throws Exception {
      int exit = demo.awaitExit(LIMIT);
      return new Ended(demo.toString(), exit, Files.readString(demo.log()));
    }

    /** The rest of the output's line that starts with {@code label}. */
    String line(String label) {
      Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(.*)$").matcher(output);
      assertThat(m.find()).as("a line starting '%s' in %s:%n%s", label, name, output).isTrue();
      return m.group(1);
    }

    Path runDir() {
      return Path.of(line("Run directory:").split("\\s+")[0]);
    }
  }

  @Test
  void twoDemosAtOnceBothCompleteOnServersOfTheirOwn() throws Exception {
    Launched byDefault = Launched.start(REPO, WORK, "demo", "demo");
    // The second starts while the first rolls out v1.2.4 on its servers (as a second person's
    // would), not beside its cold start: two JVMs starting at once on a small machine is not what
    // this shows.
    await()
        .atMost(LIMIT)
        .until(
            () ->
                !byDefault.isAlive()
                    || Files.readString(byDefault.log()).contains("v1.2.3 complete"));
    assertThat(byDefault.isAlive())
        .as("%s still running when the second starts", byDefault)
        .isTrue();
    Launched beside = Launched.start(REPO, WORK, "demo-beside", "demo", "--devices", "4");
    Ended first = Ended.of(byDefault);
    Ended second = Ended.of(beside);

    for (Ended demo : List.of(first, second)) {
      assertThat(demo.exitCode()).as("exit code of %s:%n%s", demo.name(), demo.output()).isZero();
      assertThat(EXCEPTION.matcher(demo.output()).find())
          .as("an exception in the output of %s:%n%s", demo.name(), demo.output())
          .isFalse();
      assertThat(demo.line("NATS:"))
          .as("the demo's NATS, secured by default")
          .contains("TLS on")
          .contains("JWT auth on");
      assertThat(demo.output())
          .contains("simulated agents with a credential for the devices of namespace rollwave-demo")
          .contains("v1.2.3 complete in")
          .contains("v1.2.4 complete in")
          .contains("rolled back in");
      assertThat(demo.runDir())
          .as("the run directory of %s, removed at its end", demo.name())
          .doesNotExist();
    }
    assertThat(first.runDir()).isNotEqualTo(second.runDir());
    assertThat(first.line("NATS:")).isNotEqualTo(second.line("NATS:"));
    assertThat(first.line("Temporal:")).isNotEqualTo(second.line("Temporal:"));
  }
}
