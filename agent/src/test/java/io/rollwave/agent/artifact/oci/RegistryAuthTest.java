package io.rollwave.agent.artifact.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAuthTest {
  @TempDir Path dir;

  @Test
  void bearerChallengeGivesTheTokenRequest() {
    BearerChallenge c =
        BearerChallenge.parse(
                "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                    + "scope=\"repository:rw/agent:pull\"")
            .orElseThrow();
    assertThat(c.tokenUri())
        .hasToString(
            "https://auth.example/token?service=registry.example&scope=repository%3Arw%2Fagent%3Apull");
    assertThat(BearerChallenge.parse("Basic realm=\"r\"")).isEmpty();
    assertThat(BearerChallenge.parse("Bearer service=\"x\"")).as("no realm").isEmpty();
    assertThat(BearerChallenge.parse("bearer realm=\"https://a/t?x=1\"").orElseThrow().tokenUri())
        .hasToString("https://a/t?x=1");
  }

  @Test
  void credentialsComeFromADockerConfigFilePerHost() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("config.json"),
            "{\"auths\": {\"https://reg.example:5000/v1/\": {\"auth\": \"dTpw\"},"
                + " \"other.example\": {\"username\": \"me\", \"password\": \"pw\"}}}");
    RegistryCredentials creds = RegistryCredentials.load(file);

    assertThat(creds.basicFor("reg.example:5000")).contains("Basic dTpw");
    assertThat(creds.basicFor("other.example"))
        .contains(
            "Basic "
                + Base64.getEncoder().encodeToString("me:pw".getBytes(StandardCharsets.UTF_8)));
    assertThat(creds.basicFor("ghcr.io")).isEqualTo(Optional.empty());
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"auths\": {\"x\": {}}}");
    assertThatThrownBy(() -> RegistryCredentials.load(bad))
        .hasMessageContaining("--registry-auth " + bad)
        .hasMessageContaining("neither auth nor username");
  }

  @Test
  void deliveredCredentialsComeBeforeTheAgentsOwnForTheSameRegistry() {
    RegistryCredentials own =
        new RegistryCredentials(Map.of("a.example", "b3du", "b.example", "b3du"));
    RegistryCredentials delivered = new RegistryCredentials(Map.of("a.example", "c2VjcmV0"));

    assertThat(delivered.over(own).basicFor("a.example")).contains("Basic c2VjcmV0");
    assertThat(delivered.over(own).basicFor("b.example")).contains("Basic b3du");
    assertThat(RegistryCredentials.NONE.over(own)).isEqualTo(own);
  }

  @Test
  void aPullSecretThatIsNotADockerConfigIsRefusedNamingIt() {
    assertThatThrownBy(() -> RegistryCredentials.parse("[not json", "pull secret rw/regcred"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("pull secret rw/regcred: not a Docker config JSON document");
    assertThatThrownBy(
            () ->
                RegistryCredentials.parse(
                    "{\"auths\": {\"r.example\": {}}}", "pull secret rw/regcred"))
        .hasMessage("pull secret rw/regcred: r.example has neither auth nor username");
  }
}
