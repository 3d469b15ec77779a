package io.rollwave.api.nats;

/** The JetStream KV buckets operator and agents share. */
public final class Buckets {
  /** Operator writes, the device's agent watches: one entry per DeviceProcess. */
  public static final String DESIRED = "rollwave-desired";

  /** Agent writes, the operator's StatusBridge watches: one entry per DeviceProcess. */
  public static final String STATUS = "rollwave-status";

  /** Agent writes every few seconds, the operator watches: one entry per device. */
  public static final String HEARTBEAT = "rollwave-heartbeat";

  private Buckets() {}
}
