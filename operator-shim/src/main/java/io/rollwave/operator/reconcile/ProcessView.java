package io.rollwave.operator.reconcile;

/**
 * A DeviceProcess reduced to what deployment status counts need: the revision it is set to, whether
 * it is ready (Running and healthy for that revision), and available (ready for minReadySeconds).
 */
public record ProcessView(String name, String revision, boolean ready, boolean available) {
  /** A view without a bake time: available as soon as ready. */
  public ProcessView(String name, String revision, boolean ready) {
    this(name, revision, ready, ready);
  }
}
