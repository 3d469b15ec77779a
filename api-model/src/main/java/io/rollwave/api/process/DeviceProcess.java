package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.rollwave.api.ApiGroup;

/** A single process scheduled to run on one device: the device world's Pod. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural(DeviceProcess.PLURAL)
@ShortNames("dp")
@AdditionalPrinterColumn(
    name = "DEVICE",
    jsonPath = ".spec.deviceRef.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "PHASE",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "VERSION",
    jsonPath = ".status.artifactVersion",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "RESTARTS",
    jsonPath = ".status.restartCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "REVISION",
    jsonPath = ".status.revision",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@SchemaCustomizer(
    value = SchemaCustomizer.MergePatchCustomizer.class,
    input =
        "{\"description\": \"DeviceProcess is one process on one device, the device world's Pod: the device's agent fetches and runs the artifact and reports its status. A DeviceProcessDeployment creates one per matching device and sets its revision.\"}")
public class DeviceProcess extends CustomResource<DeviceProcessSpec, DeviceProcessStatus>
    implements Namespaced {
  public static final String KIND = "DeviceProcess";
  public static final String PLURAL = "deviceprocesses";

  @Override
  @JsonPropertyDescription(
      "spec is the process the device runs: device, artifact, execution, restart policy and"
          + " health check. On a DeviceProcess of a deployment the rollout sets it: change the"
          + " deployment's template instead.")
  public DeviceProcessSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "status is what the device's agent last reported over NATS, written here by the operator.")
  public DeviceProcessStatus getStatus() {
    return super.getStatus();
  }
}
