package io.rollwave.rollout;

import io.rollwave.api.rollout.RolloutInput;
import org.slf4j.Logger;

/**
 * One log line per rollout event, always naming the deployment and revision first: {@code dpd
 * infra-system/switch-agent rev 7c9f: batch 3 moved 10 devices}.
 */
record RolloutLog(Logger logger, RolloutInput input) {

  void info(String format, Object... args) {
    logger.info(prefix(format), prefixed(args));
  }

  void warn(String format, Object... args) {
    logger.warn(prefix(format), prefixed(args));
  }

  private static String prefix(String format) {
    return "dpd {}/{} rev {}: " + format;
  }

  private Object[] prefixed(Object[] args) {
    Object[] all = new Object[args.length + 3];
    all[0] = input.namespace();
    all[1] = input.deployment();
    all[2] = input.revision();
    System.arraycopy(args, 0, all, 3, args.length);
    return all;
  }
}
