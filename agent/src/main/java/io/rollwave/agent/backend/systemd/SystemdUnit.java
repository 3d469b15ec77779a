package io.rollwave.agent.backend.systemd;

import io.rollwave.agent.backend.LaunchSpec;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the systemd service unit for one DeviceProcess. Pure. */
public final class SystemdUnit {
  private SystemdUnit() {}

  /** The unit's file name: {@code rollwave-<dp>.service}. */
  public static String unitName(String deviceProcess) {
    return "rollwave-" + deviceProcess + ".service";
  }

  /**
   * One word for ExecStart= or Environment=: double-quoted, with {@code \\}, {@code "} escaped and
   * {@code $}, {@code %} doubled so systemd expands neither variables nor specifiers.
   */
  static String quote(String s) {
    return "\""
        + s.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("$", "$$")
            .replace("%", "%%")
            .replace("\n", "\\n")
        + "\"";
  }

  static String restart(io.rollwave.api.process.RestartPolicy policy) {
    return switch (policy == null ? io.rollwave.api.process.RestartPolicy.Always : policy) {
      case Always -> "always";
      case OnFailure -> "on-failure";
      case Never -> "no";
    };
  }

  public static String render(LaunchSpec spec, UnitSettings settings) {
    StringBuilder u = new StringBuilder();
    u.append("# Written by the rollwave agent; edits are overwritten on the next start.\n")
        .append("[Unit]\n")
        .append("Description=Rollwave DeviceProcess ")
        .append(spec.name())
        .append("\nAfter=network-online.target\nWants=network-online.target\n\n")
        .append("[Service]\nType=simple\n")
        .append("ExecStart=")
        .append(spec.command().stream().map(SystemdUnit::quote).collect(Collectors.joining(" ")))
        .append('\n');
    spec.env().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                u.append("Environment=")
                    .append(quote(e.getKey() + "=" + e.getValue()))
                    .append('\n'));
    u.append("WorkingDirectory=").append(spec.workDir()).append('\n');
    u.append("StandardOutput=append:").append(spec.logFile()).append('\n');
    u.append("StandardError=append:").append(spec.logFile()).append('\n');
    u.append("Restart=").append(restart(settings.restartPolicy())).append('\n');
    u.append("RestartSec=1\n");
    settings.user().ifPresent(user -> u.append("User=").append(user).append('\n'));
    u.append("NoNewPrivileges=yes\nPrivateTmp=yes\nProtectSystem=full\nCapabilityBoundingSet=\n");
    settings.memoryMax().ifPresent(m -> u.append("MemoryMax=").append(m).append('\n'));
    settings.cpuQuota().ifPresent(c -> u.append("CPUQuota=").append(c).append('\n'));
    u.append("\n[Install]\nWantedBy=multi-user.target\n");
    return u.toString();
  }
}
