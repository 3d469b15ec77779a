package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.rollwave.api.process.DeviceProcess;
import org.junit.jupiter.api.Test;

class JsonPatchesTest {
  @Test
  void aCustomResourcesPathNamesItsGroupVersionPluralAndSubresource() {
    DeviceProcess dp = new DeviceProcess();
    dp.getMetadata().setNamespace("fleet");
    dp.getMetadata().setName("agent-tor-01");

    assertThat(JsonPatches.url("https://10.0.0.1:6443/", dp, "status"))
        .isEqualTo(
            "https://10.0.0.1:6443/apis/azure.com/v1alpha1/namespaces/fleet/deviceprocesses/"
                + "agent-tor-01/status");
    assertThat(JsonPatches.url("https://10.0.0.1:6443", dp, null))
        .isEqualTo(
            "https://10.0.0.1:6443/apis/azure.com/v1alpha1/namespaces/fleet/deviceprocesses/"
                + "agent-tor-01");
  }

  @Test
  void aCoreResourceIsUnderApi() {
    var cm =
        new ConfigMapBuilder().withNewMetadata().withNamespace("ns").withName("c").endMetadata();

    assertThat(JsonPatches.url("https://k", cm.build(), null))
        .isEqualTo("https://k/api/v1/namespaces/ns/configmaps/c");
  }
}
