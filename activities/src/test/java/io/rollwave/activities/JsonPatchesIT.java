package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.ProcessTemplateSpec;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.RealServers;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** JsonPatches against a real kube-apiserver: applied, and refused with the server's code. */
@ExtendWith(RealServers.class)
class JsonPatchesIT {
  private static final String NS = "json-patches";
  private static KubernetesClient client;
  private static JsonPatches patches;

  @BeforeAll
  static void connect(KubeTestServer kube) {
    client = kube.client();
    patches = new JsonPatches(client);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static DeviceProcess created(String name) {
    DeviceProcess dp = new DeviceProcess();
    dp.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    dp.setSpec(
        DeviceProcessSpec.of(
            new DeviceRef("NetworkSwitch", name, null),
            new ProcessTemplateSpec(
                new Artifact(
                    ArtifactType.HTTP, "https://artifacts.example/a", "1".repeat(64), "v1"),
                new Execution(Backend.EXEC, List.of("/opt/a"), null, null, null, null, null),
                RestartPolicy.Always,
                null)));
    return client.resources(DeviceProcess.class).inNamespace(NS).resource(dp).create();
  }

  @Test
  void aPatchIsAppliedToTheResourceAndToItsStatus() {
    DeviceProcess dp = created("applied");

    patches.patch(
        dp, null, "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"a\":\"b\"}}]");
    patches.patch(
        dp, "status", "[{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"revision\":\"r2\"}}]");

    DeviceProcess read = client.resource(dp).get();
    assertThat(read.getMetadata().getLabels()).containsEntry("a", "b");
    assertThat(read.getStatus().revision()).isEqualTo("r2");
  }

  @Test
  void aMissingResourceIsRefusedWith404() {
    DeviceProcess gone = created("gone");
    client.resource(gone).withGracePeriod(0).delete();

    assertThatThrownBy(
            () ->
                patches.patch(
                    gone, null, "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{}}]"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void aFailedTestOperationIsRefusedWith422AndTheServersMessage() {
    DeviceProcess dp = created("stale");

    assertThatThrownBy(
            () ->
                patches.patch(
                    dp,
                    null,
                    "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"1\"}]"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage())
                  .contains("deviceprocesses/stale", "422 Invalid", "rejected our request");
            });
  }
}
