package io.rollwave.temporal;

import io.temporal.api.enums.v1.IndexedValueType;

/** One custom search attribute a rollout workflow sets: its name and indexed type. */
public record SearchAttributeDefinition(String name, IndexedValueType type) {}
