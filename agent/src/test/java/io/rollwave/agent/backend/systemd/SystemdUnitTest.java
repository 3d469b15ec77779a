package io.rollwave.agent.backend.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.Limits;
import io.rollwave.api.process.RestartPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {
  @TempDir Path dir;

  private LaunchSpec spec() {
    return new LaunchSpec(
        "switch-agent",
        List.of("/bin/sh", "-c", "echo \"$HOME\" 100%"),
        Map.of("B", "two words", "A", "1"),
        dir,
        dir.resolve("switch-agent.log"));
  }

  private static final UnitSettings PLAIN =
      new UnitSettings(
          RestartPolicy.OnFailure, Optional.empty(), Optional.empty(), Optional.empty());

  @Test
  void rendersCommandEnvironmentAndHardening() {
    String unit = SystemdUnit.render(spec(), PLAIN);
    assertThat(unit)
        .contains("ExecStart=\"/bin/sh\" \"-c\" \"echo \\\"$$HOME\\\" 100%%\"\n")
        .contains("Environment=\"A=1\"\nEnvironment=\"B=two words\"\n")
        .contains("WorkingDirectory=" + dir + "\n")
        .contains("Restart=on-failure\n")
        .contains("NoNewPrivileges=yes\n", "PrivateTmp=yes\n", "ProtectSystem=full\n")
        .contains("CapabilityBoundingSet=\n")
        .doesNotContain("User=", "MemoryMax=", "CPUQuota=");
  }

  @Test
  void restartFollowsThePolicy() {
    assertThat(SystemdUnit.restart(RestartPolicy.Always)).isEqualTo("always");
    assertThat(SystemdUnit.restart(RestartPolicy.OnFailure)).isEqualTo("on-failure");
    assertThat(SystemdUnit.restart(RestartPolicy.Never)).isEqualTo("no");
    assertThat(SystemdUnit.restart(null)).as("the seed's default").isEqualTo("always");
  }

  @Test
  void userAndLimitsWhenGiven() {
    String unit =
        SystemdUnit.render(
            spec(),
            new UnitSettings(
                RestartPolicy.Always,
                Optional.of("rollwave"),
                Optional.of("64M"),
                Optional.of("50%")));
    assertThat(unit).contains("User=rollwave\n", "MemoryMax=64M\n", "CPUQuota=50%\n");
  }

  /** 64 MiB and one and a half cores, as {@link Limits} spells them for systemd. */
  private static final Limits LIMITS =
      new Limits(OptionalLong.of(64L << 20), OptionalLong.of(1500));

  @Test
  void systemdAnalyzeAcceptsTheUnit() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed here");
    Path unit = dir.resolve(SystemdUnit.unitName("switch-agent"));
    Files.writeString(
        unit,
        SystemdUnit.render(
            spec(),
            new UnitSettings(
                RestartPolicy.Always, Optional.of("root"), LIMITS.memoryMax(), LIMITS.cpuQuota())));
    Process p =
        new ProcessBuilder(analyze.toString(), "verify", "--man=no", unit.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out)
        .as("systemd-analyze verify output")
        .doesNotContain(unit.getFileName().toString());
    assertThat(p.exitValue()).as("systemd-analyze verify: " + out).isZero();
  }
}
