package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.DeviceProcess;
import org.junit.jupiter.api.Test;

class TolerantReadingTest {
  private static final String GOOD_DP =
      """
      {"apiVersion":"azure.com/v1alpha1","kind":"DeviceProcess",
       "metadata":{"name":"agent-tor-01","namespace":"fleet","uid":"u1"},
       "spec":{"deviceRef":{"kind":"NetworkSwitch","name":"tor-01"},
               "healthCheck":{"periodSeconds":10}}}
      """;

  private final KubernetesSerialization json = LeanSerialization.create();

  private static String withPeriod(String period) {
    return GOOD_DP.replace("\"periodSeconds\":10", "\"periodSeconds\":" + period);
  }

  @Test
  void anObjectTheModelCannotReadComesOutAsItsMetadataWithWhy() {
    for (String bad : new String[] {"2147483648", "\"ten\"", "[1]", "1e400"}) {
      DeviceProcess dp = json.unmarshal(withPeriod(bad), DeviceProcess.class);

      assertThat(dp.getMetadata().getName()).as(bad).isEqualTo("agent-tor-01");
      assertThat(dp.getMetadata().getUid()).isEqualTo("u1");
      assertThat(dp.getSpec()).as(bad).isNull();
      assertThat(TolerantReading.problemOf(dp)).as(bad).isPresent();
    }
    DeviceProcess overflow = json.unmarshal(withPeriod("2147483648"), DeviceProcess.class);
    assertThat(TolerantReading.problemOf(overflow).orElseThrow())
        .contains("2147483648")
        .doesNotContain("\n");
  }

  @Test
  void aDeploymentOutOfRangeInAListOrAWatchEventDoesNotStopTheRead() {
    String bad =
        """
        {"apiVersion":"azure.com/v1alpha1","kind":"DeviceProcessDeployment",
         "metadata":{"name":"broken","namespace":"fleet"},
         "spec":{"minReadySeconds":2147483648,"selector":{},"template":{"spec":{}}}}
        """;
    String list =
        """
        {"apiVersion":"azure.com/v1alpha1","kind":"DeviceProcessDeploymentList","metadata":{},
         "items":[%s,%s]}
        """
            .formatted(bad, bad.replace("broken", "fine").replace("2147483648", "5"));
    KubernetesResourceList<DeviceProcessDeployment> read =
        json.unmarshal(
            new java.io.ByteArrayInputStream(
                list.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            new com.fasterxml.jackson.core.type.TypeReference<
                io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList<
                    DeviceProcessDeployment>>() {});

    assertThat(read.getItems())
        .extracting(d -> d.getMetadata().getName(), d -> TolerantReading.problemOf(d).isPresent())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("broken", true),
            org.assertj.core.groups.Tuple.tuple("fine", false));
    assertThat(read.getItems().get(1).getSpec().minReadySeconds()).isEqualTo(5);

    json.registerKubernetesResource(DeviceProcessDeployment.class);
    WatchEvent event =
        json.unmarshal("{\"type\":\"ADDED\",\"object\":" + bad + "}", WatchEvent.class);
    assertThat(event.getObject()).isInstanceOf(DeviceProcessDeployment.class);
    assertThat(TolerantReading.problemOf((DeviceProcessDeployment) event.getObject())).isPresent();
  }

  @Test
  void aReadableObjectIsReadAsBeforeAndCannotClaimToBeUnreadable() {
    String claiming =
        GOOD_DP.replace(
            "\"uid\":\"u1\"",
            "\"uid\":\"u1\",\"annotations\":{\"" + Labels.UNREADABLE + "\":\"x\"}");
    DeviceProcess dp = json.unmarshal(claiming, DeviceProcess.class);

    assertThat(dp.getSpec().healthCheck().periodSeconds()).isEqualTo(10);
    assertThat(TolerantReading.problemOf(dp)).isEmpty();
  }

  @Test
  void theMarkSurvivesACopyWrittenAndReadAgain() {
    DeviceProcess unreadable = json.unmarshal(withPeriod("2147483648"), DeviceProcess.class);
    DeviceProcess copy = json.clone(unreadable);

    assertThat(TolerantReading.problemOf(copy)).isEqualTo(TolerantReading.problemOf(unreadable));
  }
}
