package io.rollwave.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nats.client.Connection;
import io.nats.client.api.KeyValueEntry;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ExecAction;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.HealthCheck;
import io.rollwave.api.process.RestartPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Desired entries the agent ITs publish, and the status they read back from NATS KV. */
final class DeviceProcessFixtures {
  static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private DeviceProcessFixtures() {}

  /**
   * A process that runs {@code /bin/sh <artifact>}, restarts Always and is probed every second with
   * a check that always passes.
   */
  static DesiredProcess desired(
      DeviceKey device, String dp, String rev, Artifact artifact, Backend backend) {
    return new DesiredProcess(
        device.namespace(),
        dp,
        rev,
        1,
        new DeviceProcessSpec(
            new DeviceRef(device.kind(), device.name(), null),
            artifact,
            new Execution(
                backend, List.of("/bin/sh", "${ROLLWAVE_ARTIFACT}"), null, null, null, null, null),
            RestartPolicy.Always,
            new HealthCheck(
                new ExecAction(List.of("/bin/sh", "-c", "true")), null, null, 0, 1, 1, 1, 3)));
  }

  /** A script that appends its pid to {@code marker} (so a test sees it ran), then idles. */
  static byte[] idleScript(String version, Path marker) {
    String script =
        "#!/bin/sh\n# "
            + version
            + "\necho $$ >> '"
            + marker
            + "'\ntrap 'exit 0' TERM\n"
            + "while true; do sleep 1; done\n";
    return script.getBytes(StandardCharsets.UTF_8);
  }

  /** The desired/status key of DeviceProcess {@code dp} in the device's own namespace. */
  static String keyOf(DeviceKey device, String dp) {
    return device.processKey(new ProcessId(device.namespace(), dp));
  }

  /** The status the agent last put for {@code dp}, or null when there is none. */
  static DeviceProcessStatus status(Connection nats, DeviceKey device, String dp) throws Exception {
    return status(nats, device, new ProcessId(device.namespace(), dp));
  }

  /** The status the agent last put for {@code dp}, or null when there is none. */
  static DeviceProcessStatus status(Connection nats, DeviceKey device, ProcessId dp)
      throws Exception {
    KeyValueEntry e = nats.keyValue(Buckets.STATUS).get(device.processKey(dp));
    return e == null || e.getValue() == null
        ? null
        : JSON.readValue(e.getValue(), ReportedStatus.class).status();
  }

  static Condition condition(DeviceProcessStatus s, String type) {
    return findCondition(s, type).orElseThrow();
  }

  static Optional<Condition> findCondition(DeviceProcessStatus s, String type) {
    return s.conditions().stream().filter(c -> c.type().equals(type)).findFirst();
  }

  static boolean alive(Long pid) {
    return pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
