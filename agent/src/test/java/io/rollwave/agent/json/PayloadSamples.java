package io.rollwave.agent.json;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.PullSecret;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.EnvVar;
import io.rollwave.api.process.ExecAction;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.HealthCheck;
import io.rollwave.api.process.HttpGetAction;
import io.rollwave.api.process.HttpScheme;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.api.process.ProcessResources;
import io.rollwave.api.process.ResourceLimits;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.api.process.TcpSocketAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Payloads with every field set, with none that may be absent, and with the awkward values (quotes,
 * control characters, non-ASCII, empty lists, every enum constant, the largest numbers), for the
 * tests that hold the agent's codec to what the operator's Jackson writes and reads.
 */
final class PayloadSamples {
  static final String AWKWARD = "say \"hi\"\\ \n\t\r\b\f \u0001\u001f\u007f é ✓ 😀 </script>";

  private PayloadSamples() {}

  static List<DesiredProcess> desired() {
    List<DesiredProcess> all = new ArrayList<>();
    all.add(
        new DesiredProcess(
            "ns",
            "dp",
            "rev1",
            1,
            everything(),
            PullSecret.found("regcred", "{\"auths\":{\"r.example\":{\"auth\":\"dTpw\"}}}")));
    all.add(
        new DesiredProcess(
            "ns",
            "dp",
            "rev2",
            Long.MAX_VALUE,
            minimal(),
            PullSecret.unavailable("regcred", AWKWARD)));
    all.add(new DesiredProcess(null, null, null, 0, minimal(), null));
    for (Backend b : Backend.values()) {
      for (ArtifactType t : ArtifactType.values()) {
        all.add(new DesiredProcess("ns", "dp-" + b, "r", 2, probed(b, t), null));
      }
    }
    return all;
  }

  static List<DeviceProcessSpec> specs() {
    return desired().stream().map(DesiredProcess::spec).toList();
  }

  static DeviceProcessSpec everything() {
    return new DeviceProcessSpec(
        new DeviceRef("NetworkSwitch", "tor1-01.rack_3", "infra-system"),
        new Artifact(
            ArtifactType.OCI,
            "registry.example:5000/apollo/switch-agent:v1",
            "ab".repeat(32),
            "v1 " + AWKWARD,
            new LocalObjectReference("regcred")),
        new Execution(
            Backend.CONTAINER,
            List.of("/agent", "${ROLLWAVE_ARTIFACT}", AWKWARD, ""),
            List.of("--port", "9000"),
            List.of(new EnvVar("A", "1"), new EnvVar("B", null), new EnvVar("C", AWKWARD)),
            "/var/lib/agent",
            "1000:1000",
            new ProcessResources(new ResourceLimits(new Quantity("64Mi"), new Quantity("500m")))),
        RestartPolicy.OnFailure,
        new HealthCheck(
            null,
            new HttpGetAction("/healthz?x=1&y=\"2\"", 8080, "127.0.0.1", HttpScheme.HTTPS),
            null,
            5,
            10,
            1,
            2,
            Integer.MAX_VALUE));
  }

  static DeviceProcessSpec minimal() {
    return new DeviceProcessSpec(
        null,
        new Artifact(ArtifactType.FILE, "/opt/a", "cd".repeat(32), null, null),
        new Execution(
            Backend.EXEC, List.of(), null, List.of(), null, null, new ProcessResources(null)),
        null,
        null);
  }

  static DeviceProcessSpec probed(Backend backend, ArtifactType type) {
    RestartPolicy policy =
        RestartPolicy.values()[backend.ordinal() % RestartPolicy.values().length];
    HealthCheck check =
        switch (backend) {
          case EXEC ->
              new HealthCheck(new ExecAction(List.of("/bin/true")), null, null, 0, 10, 1, 1, 3);
          case SYSTEMD ->
              new HealthCheck(new ExecAction(null), null, null, null, null, null, null, null);
          case INITD ->
              new HealthCheck(null, null, new TcpSocketAction(22, null), null, 1, null, null, null);
          case CONTAINER ->
              new HealthCheck(
                  null, new HttpGetAction(null, 1, null, HttpScheme.HTTP), null, 0, 1, 1, 1, 1);
        };
    return new DeviceProcessSpec(
        new DeviceRef("SOC", "soc-" + backend.ordinal(), null),
        new Artifact(type, "https://files.example/a-" + type, "ef".repeat(32), null),
        new Execution(
            backend,
            List.of("/bin/sh"),
            List.of(),
            null,
            null,
            null,
            new ProcessResources(new ResourceLimits(new Quantity("1G"), new Quantity("1.5")))),
        policy,
        check);
  }

  static List<ReportedStatus> statuses() {
    List<ReportedStatus> all = new ArrayList<>();
    List<Condition> conditions =
        Arrays.stream(ConditionStatus.values())
            .map(s -> new Condition("T-" + s, s, "Reason", AWKWARD, "2026-11-23T08:00:00Z", 7L))
            .toList();
    for (ProcessPhase phase : ProcessPhase.values()) {
      all.add(
          new ReportedStatus(
              "ns",
              "dp",
              3,
              new DeviceProcessStatus(
                  phase,
                  conditions,
                  "v1",
                  Long.MAX_VALUE,
                  "2026-11-23T08:00:00Z",
                  Integer.MAX_VALUE,
                  AWKWARD,
                  "rev1",
                  4L)));
    }
    all.add(
        new ReportedStatus(
            "ns",
            "dp",
            0,
            new DeviceProcessStatus(null, List.of(), null, null, null, null, null, null, null)));
    all.add(
        new ReportedStatus(
            "ns",
            "dp",
            0,
            new DeviceProcessStatus(
                ProcessPhase.Failed,
                List.of(
                    new Condition("ProcessStarted", ConditionStatus.FALSE, null, null, null, null)),
                null,
                null,
                null,
                0,
                null,
                null,
                null)));
    all.add(new ReportedStatus(null, null, -1, null));
    return all;
  }
}
