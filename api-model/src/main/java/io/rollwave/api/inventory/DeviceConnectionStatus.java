package io.rollwave.api.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rollwave.api.common.Condition;
import java.util.List;

/** Whether the device is reachable, and when it was last seen. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceConnectionStatus(
    Boolean connected, String lastSeen, List<Condition> conditions) {}
