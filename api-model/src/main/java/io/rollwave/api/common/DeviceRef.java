package io.rollwave.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Names one device of the inventory: its kind (NetworkSwitch, SOC, ...), name and namespace, each
 * as Kubernetes would name it (they make up the device's NATS keys, so nothing else may pass).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceRef(
    @Required @Pattern("^[A-Z][A-Za-z0-9]*$") @Size(max = 63) String kind,
    @Required @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") @Size(max = 253) String name,
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String namespace) {}
