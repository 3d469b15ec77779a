package io.rollwave.operator.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.rollwave.api.nats.PullSecret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullSecretsTest {
  private static final String CONFIG =
      "{\"auths\":{\"registry.example:5000\":{\"auth\":\"dTpw\"}}}";

  private static Secret secret(String type, Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("regcred")
        .withNamespace("fab")
        .withResourceVersion("42")
        .endMetadata()
        .withType(type)
        .withData(data)
        .build();
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDockerConfigSecretIsDeliveredDecoded() {
    Secret secret = secret(PullSecrets.TYPE, Map.of(PullSecrets.KEY, base64(CONFIG)));
    PullSecrets secrets = new PullSecrets((ns, name) -> secret);

    assertThat(secrets.resolve("fab", new LocalObjectReference("regcred")))
        .isEqualTo(PullSecret.found("regcred", CONFIG));
    assertThat(secrets.versionOf("fab", new LocalObjectReference("regcred"))).isEqualTo("42");
  }

  @Test
  void noReferenceMeansNothingToDeliver() {
    PullSecrets secrets = new PullSecrets((ns, name) -> null);
    assertThat(secrets.resolve("fab", null)).isNull();
    assertThat(secrets.versionOf("fab", null)).isEmpty();
  }

  @Test
  void aMissingSecretSaysHowToCreateIt() {
    PullSecrets secrets = new PullSecrets((ns, name) -> null);
    PullSecret delivered = secrets.resolve("fab", new LocalObjectReference("regcred"));

    assertThat(delivered.dockerConfigJson()).isNull();
    assertThat(delivered.problem())
        .startsWith("pull secret fab/regcred not found")
        .contains("kubectl create secret docker-registry regcred -n fab --docker-server=");
    assertThat(secrets.versionOf("fab", new LocalObjectReference("regcred"))).isEqualTo("absent");
  }

  @Test
  void aSecretOfAnotherTypeOrWithoutItsDocumentIsAProblemNamingWhy() {
    assertThat(PullSecrets.of("fab", "regcred", secret("Opaque", Map.of())).problem())
        .contains("is of type Opaque, not kubernetes.io/dockerconfigjson");
    assertThat(PullSecrets.of("fab", "regcred", secret(PullSecrets.TYPE, Map.of())).problem())
        .contains("has no .dockerconfigjson");
    assertThat(
            PullSecrets.of(
                    "fab", "regcred", secret(PullSecrets.TYPE, Map.of(PullSecrets.KEY, "%%")))
                .problem())
        .contains(".dockerconfigjson is not base64");
  }
}
