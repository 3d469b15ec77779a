package io.rollwave.api.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.rollwave.api.common.DeviceRef;

/** Which device a connection record is about, and the address it is reached at. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceConnectionSpec(
    @JsonPropertyDescription("deviceRef names the inventory device this record is about.") @Required
        DeviceRef deviceRef,
    @JsonPropertyDescription("endpoint is the address the device is reached at, e.g. host:port.")
        String endpoint) {}
