package io.rollwave.api.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The schema of a {@code LocalObjectReference} to a Secret, described. */
public record SecretReferenceSchema(
    @JsonPropertyDescription("name is the name of the Secret, in the DeviceProcess's namespace.")
        String name) {}
