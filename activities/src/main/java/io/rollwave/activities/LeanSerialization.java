package io.rollwave.activities;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.DeviceProcess;
import java.util.Set;

/**
 * fabric8's serialization, except that it never decodes {@code metadata.managedFields}: 40 % of a
 * DeviceProcess as the API server sends it, decoded into a tree of maps on every watch event only
 * for {@link LeanItemStore} to drop. Rollwave reads no managed fields; objects it writes carry
 * none. Rollwave's own resources are read tolerantly ({@link TolerantReading}): one the model
 * cannot read never stops an informer.
 */
public final class LeanSerialization {
  private LeanSerialization() {}

  public static KubernetesSerialization create() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.addMixIn(ObjectMeta.class, WithoutManagedFields.class);
    mapper.registerModule(
        TolerantReading.module(Set.of(DeviceProcessDeployment.class, DeviceProcess.class)));
    return new KubernetesSerialization(mapper, true);
  }

  /** Skipped when read; still written if an object has them. */
  @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
  private interface WithoutManagedFields {}
}
