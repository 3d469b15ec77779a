package io.rollwave.bench;

import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.plan.IntOrPercent;
import java.util.List;

/**
 * What {@code rollwave bench rollout} measures: how many devices, split over how many deployments,
 * through which window, with agents ready after a time drawn from {@code readyMillis..}.
 */
public record BenchOptions(
    int devices,
    int deployments,
    String maxUnavailable,
    long minReadyMillis,
    long maxReadyMillis,
    int progressDeadlineSeconds,
    String operatorJavaOpts,
    boolean keep) {

  public static final String USAGE =
      """
      Usage: rollwave bench rollout --devices N [flags]
        --devices N              simulated devices, one NetworkSwitch and one DeviceProcess each
        --deployments D          DeviceProcessDeployments the devices are split over (default 1)
        --max-unavailable P      the rollout window, an int or a percent (default 10%)
        --ready-ms MIN[..MAX]    simulated time from new desired state to healthy (default 0: instant)
        --progress-deadline-seconds S
                                 the deployments' progressDeadlineSeconds (default 600, the API's)
        --operator-java-opts S   JVM flags for the operator process (default: none)
        --keep                   leave the benchmark's namespace in place afterwards
      Runs against the servers of `eval "$(scripts/dev-env.sh up)"` (KUBECONFIG, TEMPORAL_ADDRESS,
      NATS_URL); prints one JSON line.
      """;

  public BenchOptions {
    if (devices < 1) {
      throw new IllegalArgumentException("--devices must be at least 1, got " + devices);
    }
    if (deployments < 1 || deployments > devices) {
      throw new IllegalArgumentException(
          "--deployments must be between 1 and the number of devices, got " + deployments);
    }
    try {
      IntOrPercent.parse(maxUnavailable);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--max-unavailable must be an int or a percent like 10%, got '" + maxUnavailable + "'");
    }
    if (minReadyMillis < 0 || maxReadyMillis < minReadyMillis) {
      throw new IllegalArgumentException(
          "--ready-ms must be MIN or MIN..MAX with 0 <= MIN <= MAX, got "
              + minReadyMillis
              + ".."
              + maxReadyMillis);
    }
    if (progressDeadlineSeconds < 1) {
      throw new IllegalArgumentException(
          "--progress-deadline-seconds must be at least 1, got " + progressDeadlineSeconds);
    }
  }

  public static BenchOptions parse(List<String> args) {
    Integer devices = null;
    int deployments = 1;
    String window = "10%";
    long min = 0;
    long max = 0;
    String javaOpts = "";
    int deadline = RolloutInput.DEFAULT_PROGRESS_DEADLINE_SECONDS;
    boolean keep = false;
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (flag.equals("--keep")) {
        keep = true;
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(flag + " needs a value (see --help)");
      }
      String value = args.get(++i);
      switch (flag) {
        case "--devices" -> devices = number(flag, value);
        case "--deployments" -> deployments = number(flag, value);
        case "--max-unavailable" -> window = value;
        case "--ready-ms" -> {
          String[] range = value.split("\\.\\.", 2);
          min = number(flag, range[0]);
          max = range.length == 2 ? number(flag, range[1]) : min;
        }
        case "--progress-deadline-seconds" -> deadline = number(flag, value);
        case "--operator-java-opts" -> javaOpts = value;
        default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
      }
    }
    if (devices == null) {
      throw new IllegalArgumentException("--devices N is required");
    }
    return new BenchOptions(devices, deployments, window, min, max, deadline, javaOpts, keep);
  }

  private static int number(String flag, String value) {
    try {
      return Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
    }
  }

  /** Devices of deployment {@code index} (0-based): the fleet split as evenly as it goes. */
  public int devicesOf(int index) {
    return devices / deployments + (index < devices % deployments ? 1 : 0);
  }
}
