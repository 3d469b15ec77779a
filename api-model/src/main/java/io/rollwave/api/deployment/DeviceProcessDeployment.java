package io.rollwave.api.deployment;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
public class DeviceProcessDeployment
    extends CustomResource<DeviceProcessDeploymentSpec, DeviceProcessDeploymentStatus>
    implements Namespaced {
  public static final String KIND = "DeviceProcessDeployment";
  public static final String PLURAL = "deviceprocessdeployments";
}
