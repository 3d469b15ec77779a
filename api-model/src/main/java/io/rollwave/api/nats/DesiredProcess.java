package io.rollwave.api.nats;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rollwave.api.process.DeviceProcessSpec;

/**
 * The value of a {@code desired} entry: what one DeviceProcess should run. {@code revision} is the
 * rollout revision the spec belongs to; the agent echoes it in its status so the operator knows
 * which revision a report is about. {@code pullSecret} is the Secret the artifact's {@code
 * pullSecretRef} names (absent when it names none). A deleted entry means: stop and remove the
 * process.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesiredProcess(
    String namespace,
    String deviceProcess,
    String revision,
    long generation,
    DeviceProcessSpec spec,
    PullSecret pullSecret) {

  /** A process whose artifact needs no pull secret. */
  public DesiredProcess(
      String namespace,
      String deviceProcess,
      String revision,
      long generation,
      DeviceProcessSpec spec) {
    this(namespace, deviceProcess, revision, generation, spec, null);
  }
}
