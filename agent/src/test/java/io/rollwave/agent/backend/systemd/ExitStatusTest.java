package io.rollwave.agent.backend.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitStatusTest {
  @ParameterizedTest(name = "code {0} status {1}: {2}")
  @CsvSource({
    "1, 0,  0",
    "1, 3,  3",
    "2, 9,  137",
    "2, 15, 143",
    "3, 6,  134",
  })
  void exitedKilledAndDumpedAsTheJdkReportsThem(int code, int status, int expected) {
    String show = "ExecMainPID=42\nExecMainCode=" + code + "\nExecMainStatus=" + status + "\n";
    assertThat(ExitStatus.of(show, 42)).isEqualTo(OptionalInt.of(expected));
  }

  @Test
  void unknownWhenSystemdDescribesAnotherPid() {
    // Restart= started a new main process before the agent asked
    assertThat(ExitStatus.of("ExecMainPID=43\nExecMainCode=1\nExecMainStatus=3\n", 42)).isEmpty();
  }

  @Test
  void unknownWhileNotEnded() {
    assertThat(ExitStatus.of("ExecMainPID=42\nExecMainCode=0\nExecMainStatus=0\n", 42)).isEmpty();
    assertThat(ExitStatus.of("ExecMainPID=42\nExecMainCode=x\n", 42)).isEmpty();
  }
}
