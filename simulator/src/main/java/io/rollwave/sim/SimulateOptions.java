package io.rollwave.sim;

import io.rollwave.tls.NatsEndpoint;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The flags of {@code rollwave simulate}, validated. */
public record SimulateOptions(
    NatsEndpoint nats,
    FleetSimulator.Behaviour behaviour,
    Map<String, FleetSimulator.Outcome> outcomes) {

  public String natsUrl() {
    return nats.url();
  }

  public static final String USAGE =
      """
      Usage: rollwave simulate [flags]
        Answers every desired-state entry in NATS KV as a device agent would, for any number of
        devices in this one process, until stopped (Ctrl-C).
        --ready-ms MIN[..MAX]    time from new desired state to Running and healthy (default 300..1500)
        --failure-rate F         share of devices that report Failed, 0..1 (default 0)
        --heartbeat-ms N         heartbeat period of each simulated agent (default 5000)
        --version V=OUTCOME      what every device does with version V: READY, FAIL, CRASH_LOOP or
                                 SILENT (repeatable)
        --seed N                 random seed for ready times and failures (default 42)
      """
          + NatsEndpoint.USAGE;

  public static SimulateOptions parse(List<String> args, Map<String, String> env) {
    Map<String, String> natsFlags = new HashMap<>();
    long min = 300;
    long max = 1500;
    double failureRate = 0;
    long heartbeat = 5_000;
    long seed = 42;
    Map<String, FleetSimulator.Outcome> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (flag.equals("--nats-insecure")) {
        natsFlags.put("nats-insecure", "true");
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(flag + " needs a value (see --help)");
      }
      String value = args.get(++i);
      switch (flag) {
        case "--nats",
            "--nats-ca-file",
            "--nats-cert-file",
            "--nats-key-file",
            "--nats-server-name" ->
            natsFlags.put(flag.substring(2), value);
        case "--ready-ms" -> {
          String[] range = value.split("\\.\\.", 2);
          min = number(flag, range[0]);
          max = range.length == 2 ? number(flag, range[1]) : min;
        }
        case "--failure-rate" -> {
          try {
            failureRate = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "--failure-rate needs a number from 0 to 1, got '" + value + "'");
          }
        }
        case "--heartbeat-ms" -> heartbeat = number(flag, value);
        case "--seed" -> seed = number(flag, value);
        case "--version" -> {
          int eq = value.indexOf('=');
          if (eq < 1) {
            throw new IllegalArgumentException("--version needs V=OUTCOME, got '" + value + "'");
          }
          outcomes.put(value.substring(0, eq), outcome(value.substring(eq + 1)));
        }
        default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
      }
    }
    return new SimulateOptions(
        NatsEndpoint.from(name -> Optional.ofNullable(natsFlags.get(name)), env),
        new FleetSimulator.Behaviour(min, max, failureRate, seed, heartbeat),
        Map.copyOf(outcomes));
  }

  private static FleetSimulator.Outcome outcome(String text) {
    try {
      return FleetSimulator.Outcome.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown outcome '" + text + "': use READY, FAIL, CRASH_LOOP or SILENT");
    }
  }

  private static long number(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
    }
  }
}
