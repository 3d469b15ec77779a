package io.rollwave.agent.backend.systemd;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How a unit's main process ended, from {@code systemctl show -p ExecMainPID -p ExecMainCode -p
 * ExecMainStatus}: {@code ExecMainCode} is the waitid() code (1 exited, 2 killed, 3 dumped core)
 * and {@code ExecMainStatus} the exit status or signal. Pure.
 */
final class ExitStatus {
  private static final int CLD_EXITED = 1;
  private static final int CLD_KILLED = 2;
  private static final int CLD_DUMPED = 3;

  private ExitStatus() {}

  /**
   * The exit code as the JDK would report it (128 + signal for a killed process), or empty when the
   * properties describe another pid (systemd restarted the unit since) or no end yet.
   */
  static OptionalInt of(String showOutput, long pid) {
    Map<String, String> p = new HashMap<>();
    for (String line : showOutput.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        p.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    try {
      if (Long.parseLong(p.getOrDefault("ExecMainPID", "0")) != pid) {
        return OptionalInt.empty();
      }
      int code = Integer.parseInt(p.getOrDefault("ExecMainCode", "0"));
      int status = Integer.parseInt(p.getOrDefault("ExecMainStatus", "0"));
      return switch (code) {
        case CLD_EXITED -> OptionalInt.of(status);
        case CLD_KILLED, CLD_DUMPED -> OptionalInt.of(128 + status);
        default -> OptionalInt.empty();
      };
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
