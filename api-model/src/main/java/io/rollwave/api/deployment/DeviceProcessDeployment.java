package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.rollwave.api.ApiGroup;
import io.rollwave.api.Bounds;

/** A process on every device its selector matches (DaemonSet semantics), rolled out by revision. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural(DeviceProcessDeployment.PLURAL)
@ShortNames("dpd")
@ValidationRule(
    value = "size(self.metadata.name) <= " + Bounds.MAX_LABEL_VALUE,
    message =
        "metadata.name of a DeviceProcessDeployment may have at most "
            + Bounds.MAX_LABEL_VALUE
            + " characters: it is the value of its DeviceProcesses' rollwave.io/deployment label")
@AdditionalPrinterColumn(
    name = "DESIRED",
    jsonPath = ".status.desiredNumberScheduled",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "CURRENT",
    jsonPath = ".status.currentNumberScheduled",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "READY",
    jsonPath = ".status.numberReady",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "AVAILABLE",
    jsonPath = ".status.numberAvailable",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "UNAVAILABLE",
    jsonPath = ".status.numberUnavailable",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "UP-TO-DATE",
    jsonPath = ".status.updatedNumberScheduled",
    type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "PHASE",
    jsonPath = ".status.rollout.phase",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "VERSION",
    jsonPath = ".spec.template.spec.artifact.version",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "ARTIFACT",
    jsonPath = ".spec.template.spec.artifact.url",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@SchemaCustomizer(
    value = SchemaCustomizer.MergePatchCustomizer.class,
    input =
        "{\"description\": \"DeviceProcessDeployment runs a process on every inventory device its selector matches and rolls each new revision of its template out to them in a window, behind a health gate, driven by a Temporal workflow.\"}")
public class DeviceProcessDeployment
    extends CustomResource<DeviceProcessDeploymentSpec, DeviceProcessDeploymentStatus>
    implements Namespaced {
  public static final String KIND = "DeviceProcessDeployment";
  public static final String PLURAL = "deviceprocessdeployments";

  @Override
  @JsonPropertyDescription(
      "spec is the desired state: which devices, what process, and how new revisions roll out.")
  public DeviceProcessDeploymentSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "status is what the operator and the rollout workflow last observed: device counts, revisions, the rollout and conditions.")
  public DeviceProcessDeploymentStatus getStatus() {
    return super.getStatus();
  }
}
