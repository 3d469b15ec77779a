package io.rollwave.api.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The little Rollwave needs of an inventory device; selectors match its labels. A cluster with
 * richer inventory CRDs of its own configures the operator to read those instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceSpec(
    @JsonPropertyDescription("serialNumber is the device's hardware serial number.")
        String serialNumber,
    @JsonPropertyDescription("macAddress is the MAC address of the device's management port.")
        String macAddress,
    @JsonPropertyDescription("model is the device's hardware model.") String model,
    @JsonPropertyDescription("firmwareVersion is the firmware the device runs.")
        String firmwareVersion,
    @JsonPropertyDescription("managementAddress is the address the device is managed at.")
        String managementAddress) {}
