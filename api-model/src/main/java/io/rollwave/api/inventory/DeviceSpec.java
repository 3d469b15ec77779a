package io.rollwave.api.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The little Rollwave needs of an inventory device; selectors match its labels. A cluster with
 * richer inventory CRDs of its own configures the operator to read those instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceSpec(
    String serialNumber,
    String macAddress,
    String model,
    String firmwareVersion,
    String managementAddress) {}
