package io.rollwave.operator.reconcile;

/** A DeviceProcess reduced to what deployment status counts need. */
public record ProcessView(String name, String revision, boolean ready) {}
