package io.rollwave.agent.artifact.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Pull credentials per registry host, from a Docker config document ({@code {"auths": {"host:port":
 * {"auth": base64(user:password)}}}}, the format of a Kubernetes {@code .dockerconfigjson} pull
 * secret): the agent's own, given with {@code --registry-auth}, and those of an artifact's pull
 * secret, delivered with its desired state.
 */
public record RegistryCredentials(Map<String, String> basicByHost) {
  public static final RegistryCredentials NONE = new RegistryCredentials(Map.of());

  public RegistryCredentials {
    basicByHost = Map.copyOf(basicByHost);
  }

  /** Reads the file; one that is not such a file fails with its name. */
  public static RegistryCredentials load(Path file) {
    try {
      return parse(new ObjectMapper().readTree(file.toFile()), "--registry-auth " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--registry-auth " + file + ": not a Docker config JSON file: " + e.getMessage(), e);
    }
  }

  /**
   * The credentials of a pull secret's {@code .dockerconfigjson}, named {@code source} in errors.
   *
   * @throws IllegalArgumentException when it is not such a document
   */
  public static RegistryCredentials parse(String dockerConfigJson, String source) {
    try {
      return parse(new ObjectMapper().readTree(dockerConfigJson), source);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          source + ": not a Docker config JSON document: " + e.getMessage(), e);
    }
  }

  /** These credentials, and {@code fallback}'s for the hosts these have none for. */
  public RegistryCredentials over(RegistryCredentials fallback) {
    if (basicByHost.isEmpty()) {
      return fallback;
    }
    Map<String, String> merged = new java.util.HashMap<>(fallback.basicByHost);
    merged.putAll(basicByHost);
    return new RegistryCredentials(merged);
  }

  static RegistryCredentials parse(JsonNode root, String source) {
    Map<String, String> byHost = new java.util.HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> auths = root.path("auths").fields();
    while (auths.hasNext()) {
      Map.Entry<String, JsonNode> e = auths.next();
      String host = e.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
      JsonNode v = e.getValue();
      String auth = v.path("auth").asText("");
      if (auth.isEmpty() && v.has("username")) {
        auth =
            Base64.getEncoder()
                .encodeToString(
                    (v.path("username").asText() + ":" + v.path("password").asText())
                        .getBytes(StandardCharsets.UTF_8));
      }
      if (auth.isEmpty()) {
        throw new IllegalArgumentException(
            source + ": " + e.getKey() + " has neither auth nor username");
      }
      byHost.put(host, auth);
    }
    return new RegistryCredentials(byHost);
  }

  /** The {@code Authorization: Basic ...} value for a registry host, if any. */
  public Optional<String> basicFor(String host) {
    return Optional.ofNullable(basicByHost.get(host)).map(a -> "Basic " + a);
  }
}
