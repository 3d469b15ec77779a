package io.rollwave.api.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.rollwave.api.common.Condition;
import java.util.List;

/** Conditions the inventory system reports about a device. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceStatus(
    @JsonPropertyDescription("conditions are what the inventory system reports about the device.")
        List<Condition> conditions) {}
