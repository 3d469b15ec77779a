package io.rollwave.api.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.rollwave.api.common.Condition;
import java.util.List;

/** Whether the device is reachable, and when it was last seen. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceConnectionStatus(
    @JsonPropertyDescription("connected is whether the device is reachable now.") Boolean connected,
    @JsonPropertyDescription("lastSeen is when the device was last reached (RFC 3339).")
        String lastSeen,
    @JsonPropertyDescription("conditions are observations about the device's connectivity.")
        List<Condition> conditions) {}
