package io.rollwave.agent.json;

import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.nats.AgentCounters;
import io.rollwave.api.nats.Heartbeat;
import io.rollwave.api.nats.ReportedStatus;
import io.rollwave.api.process.DeviceProcessStatus;

/**
 * What the agent writes to {@code rollwave-status} and {@code rollwave-heartbeat}, byte for byte as
 * Jackson writes the api-model records, which the operator reads with it.
 */
public final class StatusJson {
  private StatusJson() {}

  public static byte[] write(ReportedStatus r) {
    return JsonWriter.toBytes(
        r,
        (w, s) ->
            w.beginObject()
                .field("namespace", s.namespace())
                .field("deviceProcess", s.deviceProcess())
                .field("observedGeneration", s.observedGeneration())
                .field("status", s.status(), StatusJson::status)
                .endObject());
  }

  public static byte[] write(Heartbeat h) {
    return JsonWriter.toBytes(
        h,
        (w, b) ->
            w.beginObject()
                .field("device", b.device())
                .field("at", b.at())
                .field("agentVersion", b.agentVersion())
                .field("counters", b.counters(), StatusJson::counters)
                .endObject());
  }

  private static void counters(JsonWriter w, AgentCounters c) {
    w.beginObject()
        .field("processRestarts", c.processRestarts())
        .field("artifactFetchFailures", c.artifactFetchFailures())
        .field("healthCheckFailures", c.healthCheckFailures())
        .endObject();
  }

  private static void status(JsonWriter w, DeviceProcessStatus s) {
    w.beginObject()
        .fieldIfSet("phase", s.phase() == null ? null : s.phase().name())
        .listIfSet("conditions", s.conditions(), StatusJson::condition)
        .fieldIfSet("artifactVersion", s.artifactVersion())
        .fieldIfSet("pid", s.pid())
        .fieldIfSet("startTime", s.startTime())
        .fieldIfSet("restartCount", s.restartCount())
        .fieldIfSet("lastTerminationReason", s.lastTerminationReason())
        .fieldIfSet("revision", s.revision())
        .fieldIfSet("observedGeneration", s.observedGeneration())
        .endObject();
  }

  private static void condition(JsonWriter w, Condition c) {
    w.beginObject()
        .fieldIfSet("type", c.type())
        .fieldIfSet("status", c.status() == null ? null : wire(c.status()))
        .fieldIfSet("reason", c.reason())
        .fieldIfSet("message", c.message())
        .fieldIfSet("lastTransitionTime", c.lastTransitionTime())
        .fieldIfSet("observedGeneration", c.observedGeneration())
        .endObject();
  }

  /** {@code True}, {@code False}, {@code Unknown}: the {@code @JsonProperty} names. */
  private static String wire(ConditionStatus s) {
    return switch (s) {
      case TRUE -> "True";
      case FALSE -> "False";
      case UNKNOWN -> "Unknown";
    };
  }
}
