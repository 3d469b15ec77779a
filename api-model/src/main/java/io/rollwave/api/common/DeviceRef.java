package io.rollwave.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Names one device of the inventory: its kind (NetworkSwitch, SOC, ...), name and namespace, each
 * as Kubernetes would name it (they make up the device's NATS keys, so nothing else may pass).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceRef(
    @JsonPropertyDescription(
            "kind of the inventory resource, e.g. NetworkSwitch, SOC, Server, BMC or DPU.")
        @Required
        @Pattern("^[A-Z][A-Za-z0-9]*$")
        @Size(max = 63)
        String kind,
    @JsonPropertyDescription("name of the device's inventory resource (DEVICE).")
        @Required
        @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
        @Size(max = 253)
        String name,
    @JsonPropertyDescription(
            "namespace of the device's inventory resource; unset, this resource's own. Another"
                + " namespace is refused unless the operator allows cross-namespace devices.")
        @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
        @Size(max = 63)
        String namespace) {}
