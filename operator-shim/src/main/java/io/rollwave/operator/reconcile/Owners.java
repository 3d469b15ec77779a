package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import java.util.Optional;

/** Controller owner references: the one a deployment puts on what it makes, and reading them. */
final class Owners {
  private Owners() {}

  static OwnerReference controllerOf(DeviceProcessDeployment dpd) {
    return new OwnerReferenceBuilder()
        .withApiVersion(dpd.getApiVersion())
        .withKind(dpd.getKind())
        .withName(dpd.getMetadata().getName())
        .withUid(dpd.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** The controller owner of {@code object}, if it has one. */
  static Optional<OwnerReference> controller(HasMetadata object) {
    return object.getMetadata().getOwnerReferences().stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()))
        .findFirst();
  }

  /** Whether {@code dpd} (this incarnation of it, by uid) controls {@code object}. */
  static boolean controlledBy(HasMetadata object, DeviceProcessDeployment dpd) {
    return controller(object)
        .map(o -> o.getUid() != null && o.getUid().equals(dpd.getMetadata().getUid()))
        .orElse(false);
  }

  /** Says who controls {@code object}, for a message: {@code DeviceProcessDeployment app}. */
  static String describeController(HasMetadata object) {
    return controller(object)
        .map(o -> o.getKind() + " " + o.getName())
        .orElse("no controller (made by hand?)");
  }
}
