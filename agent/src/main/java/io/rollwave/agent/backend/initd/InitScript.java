package io.rollwave.agent.backend.initd;

import io.rollwave.agent.backend.LaunchSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the LSB init script for one DeviceProcess. Pure. */
public final class InitScript {
  private InitScript() {}

  /** Single-quoted for sh: safe for any argument, quotes included. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  public static String render(LaunchSpec spec, Path pidFile, Duration grace) {
    String command =
        spec.command().stream().map(InitScript::quote).collect(Collectors.joining(" "));
    String env =
        spec.env().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> "export " + e.getKey() + "=" + quote(e.getValue()) + "\n")
            .collect(Collectors.joining());
    return """
        #!/bin/sh
        ### BEGIN INIT INFO
        # Provides:          %1$s
        # Required-Start:    $remote_fs $network
        # Required-Stop:     $remote_fs $network
        # Default-Start:     2 3 4 5
        # Default-Stop:      0 1 6
        # Short-Description: Rollwave DeviceProcess %1$s
        # Description:       Written by the rollwave agent; edits are overwritten on the next start.
        ### END INIT INFO

        PIDFILE=%2$s
        LOGFILE=%3$s
        GRACE=%4$d

        alive() {
          [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
          # an ended process its parent has not reaped yet (a zombie) is not alive
          if [ -r "/proc/$1/stat" ]; then
            case "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" in Z|X) return 1 ;; esac
          fi
          return 0
        }

        running() {
          [ -f "$PIDFILE" ] || return 3
          alive "$(cat "$PIDFILE" 2>/dev/null)" || return 1
          return 0
        }

        do_start() {
          if running; then echo "%1$s already running (pid $(cat "$PIDFILE"))"; return 0; fi
          cd %5$s || return 1
        %6$s  %7$s >> "$LOGFILE" 2>&1 < /dev/null &
          echo $! > "$PIDFILE"
          echo "%1$s started (pid $!)"
        }

        do_stop() {
          running || { rm -f "$PIDFILE"; echo "%1$s not running"; return 0; }
          pid=$(cat "$PIDFILE")
          kill -TERM "$pid" 2>/dev/null
          i=0
          while alive "$pid" && [ "$i" -lt "$GRACE" ]; do sleep 1; i=$((i + 1)); done
          alive "$pid" && kill -KILL "$pid" 2>/dev/null
          rm -f "$PIDFILE"
          echo "%1$s stopped"
        }

        case "$1" in
          start) do_start ;;
          stop) do_stop ;;
          restart|force-reload) do_stop; do_start ;;
          status)
            running; rc=$?
            case $rc in
              0) echo "%1$s is running (pid $(cat "$PIDFILE"))" ;;
              1) echo "%1$s is dead but its pid file exists" ;;
              *) echo "%1$s is not running" ;;
            esac
            exit $rc ;;
          *) echo "Usage: $0 {start|stop|restart|status}" >&2; exit 2 ;;
        esac
        """
        .formatted(
            spec.name(),
            quote(pidFile.toString()),
            quote(spec.logFile().toString()),
            grace.toSeconds(),
            quote(spec.workDir().toString()),
            env.lines().map(l -> "  " + l + "\n").collect(Collectors.joining()),
            command);
  }
}
