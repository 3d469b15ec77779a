package io.rollwave.api;

/** Labels Rollwave puts on the DeviceProcesses it manages. */
public final class Labels {
  /**
   * The prefix of the label and annotation keys Rollwave sets itself; a deployment's template may
   * not use it (nor a subdomain of rollwave.io).
   */
  public static final String RESERVED_PREFIX = "rollwave.io/";

  /** The deployment that owns a DeviceProcess (the seed's {@code app=<deployment>} beside it). */
  public static final String DEPLOYMENT = RESERVED_PREFIX + "deployment";

  /** The revision a DeviceProcess's spec is set to: a ControllerRevision name suffix. */
  public static final String REVISION = RESERVED_PREFIX + "revision";

  /**
   * Annotation: when the DeviceProcess was set to its revision (RFC 3339); the progress deadline
   * counts from it. Absent on a DeviceProcess created at its revision: its creation time counts.
   */
  public static final String REVISION_SET_AT = RESERVED_PREFIX + "revision-set-at";

  /**
   * Namespace label: set to {@code "true"}, DeviceProcesses in the namespace may name devices of
   * other namespaces in {@code spec.deviceRef.namespace}; without it the admission policy in
   * charts/rollwave/templates refuses them.
   */
  public static final String CROSS_NAMESPACE_DEVICES = RESERVED_PREFIX + "cross-namespace-devices";

  /**
   * Annotation, in the operator's memory only: this object could not be read into the model (a
   * value out of range, of the wrong type), with why. The operator skips such an object and says
   * so; it never writes this annotation, and ignores it on an object that could be read.
   */
  public static final String UNREADABLE = "rollwave.io/unreadable";

  /** The seed's label naming the application. */
  public static final String APP = "app";

  private Labels() {}

  /** The ControllerRevision that stores {@code revision} of {@code deployment}'s template. */
  public static String controllerRevisionName(String deployment, String revision) {
    return deployment + "-" + revision;
  }
}
