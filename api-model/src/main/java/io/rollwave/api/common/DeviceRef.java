package io.rollwave.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Names one device of the inventory: its kind (NetworkSwitch, SOC, ...), name and namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceRef(
    @Required @Pattern("^[A-Z][A-Za-z0-9]*$") String kind,
    @Required @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") String name,
    String namespace) {}
