package io.rollwave.api.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.rollwave.api.common.DeviceRef;

/** Which device a connection record is about, and the address it is reached at. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceConnectionSpec(@Required DeviceRef deviceRef, String endpoint) {}
