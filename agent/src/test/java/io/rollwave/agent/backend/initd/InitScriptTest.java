package io.rollwave.agent.backend.initd;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.agent.backend.LaunchSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitScriptTest {
  private final LaunchSpec spec =
      new LaunchSpec(
          "switch-agent",
          List.of("/opt/bin/agent", "--name", "it's"),
          Map.of("B", "two words", "A", "1"),
          Path.of("/var/lib/rw/work"),
          Path.of("/var/log/rw/switch-agent.log"));

  @Test
  void hasTheLsbHeaderAndActions() {
    String script =
        InitScript.render(spec, Path.of("/run/rw/switch-agent.pid"), Duration.ofSeconds(10));
    assertThat(script)
        .startsWith("#!/bin/sh\n### BEGIN INIT INFO\n# Provides:          switch-agent\n")
        .contains("### END INIT INFO")
        .contains("PIDFILE='/run/rw/switch-agent.pid'")
        .contains("GRACE=10")
        .contains("start) do_start ;;", "stop) do_stop ;;", "restart|force-reload)", "status)");
  }

  @Test
  void quotesCommandAndEnvironmentForSh() {
    String script = InitScript.render(spec, Path.of("/run/x.pid"), Duration.ofSeconds(10));
    assertThat(script)
        .contains("  export A='1'\n  export B='two words'\n")
        .contains("  '/opt/bin/agent' '--name' 'it'\\''s' >> \"$LOGFILE\" 2>&1 < /dev/null &");
  }
}
