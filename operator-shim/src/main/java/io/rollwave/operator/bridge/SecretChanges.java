package io.rollwave.operator.bridge;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.BiConsumer;

/**
 * Tells {@code changed} the namespace and name of every pull secret created, changed or deleted.
 */
public final class SecretChanges implements ResourceEventHandler<Secret> {
  private final BiConsumer<String, String> changed;

  public SecretChanges(BiConsumer<String, String> changed) {
    this.changed = changed;
  }

  @Override
  public void onAdd(Secret secret) {
    tell(secret);
  }

  @Override
  public void onUpdate(Secret old, Secret secret) {
    tell(secret);
  }

  @Override
  public void onDelete(Secret secret, boolean deletedFinalStateUnknown) {
    tell(secret);
  }

  private void tell(Secret secret) {
    changed.accept(secret.getMetadata().getNamespace(), secret.getMetadata().getName());
  }
}
