package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.rollwave.api.process.DeviceProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeanSerializationTest {
  private static final String DP =
      """
      {"apiVersion":"azure.com/v1alpha1","kind":"DeviceProcess",
       "metadata":{"name":"agent-tor-01","namespace":"fleet","resourceVersion":"42",
        "labels":{"rollwave.io/revision":"r2"},
        "managedFields":[{"manager":"rollwave","operation":"Update","fieldsType":"FieldsV1",
          "fieldsV1":{"f:status":{".":{},"f:phase":{}}}}]},
       "spec":{"deviceRef":{"kind":"NetworkSwitch","name":"tor-01"}},
       "status":{"phase":"Running","revision":"r2"}}
      """;

  private final KubernetesSerialization lean = LeanSerialization.create();

  @Test
  void readsEverythingButTheManagedFields() {
    DeviceProcess dp = lean.unmarshal(DP, DeviceProcess.class);

    assertThat(dp.getMetadata().getManagedFields()).isEmpty();
    assertThat(dp.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(dp.getMetadata().getLabels()).containsEntry("rollwave.io/revision", "r2");
    assertThat(dp.getSpec().deviceRef().name()).isEqualTo("tor-01");
    assertThat(dp.getStatus().revision()).isEqualTo("r2");
    assertThat(new KubernetesSerialization().unmarshal(DP, DeviceProcess.class))
        .as("fabric8's own serialization reads them")
        .satisfies(full -> assertThat(full.getMetadata().getManagedFields()).hasSize(1));
  }

  @Test
  void stillWritesManagedFieldsAnObjectHas() {
    DeviceProcess dp = lean.unmarshal(DP, DeviceProcess.class);
    dp.getMetadata()
        .setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("m").build()));

    assertThat(lean.asJson(dp)).contains("\"managedFields\"", "\"manager\":\"m\"");
  }
}
