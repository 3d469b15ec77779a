package io.rollwave.activities;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer store that drops what Rollwave never reads before it keeps an object: {@code
 * metadata.managedFields}, often the largest part of a small custom resource. The operator's client
 * ({@link LeanSerialization}) no longer decodes them at all; this store keeps the cache lean for an
 * informer fed by any other client. At 100,000 cached DeviceProcesses this is most of the
 * operator's heap, and hashing it was most of a reconcile. Open for stores that keep something of
 * their own beside each object, such as the operator's tally of each deployment's devices.
 */
public class LeanItemStore<T extends HasMetadata> extends BasicItemStore<T> {
  public LeanItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public T put(String key, T obj) {
    if (obj.getMetadata() != null) {
      obj.getMetadata().setManagedFields(null);
    }
    return super.put(key, obj);
  }
}
