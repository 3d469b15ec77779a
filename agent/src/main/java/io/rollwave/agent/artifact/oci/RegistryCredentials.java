package io.rollwave.agent.artifact.oci;

import io.rollwave.agent.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
      return parse(JsonObject.parse(Files.readAllBytes(file)), "--registry-auth " + file);
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
      if (dockerConfigJson == null) {
        throw new IOException("no document");
      }
      return parse(JsonObject.parse(dockerConfigJson.getBytes(StandardCharsets.UTF_8)), source);
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

  private static RegistryCredentials parse(JsonObject root, String source) throws IOException {
    Map<String, String> byHost = new java.util.HashMap<>();
    for (Map.Entry<String, JsonObject> e : root.objectsByName("auths").entrySet()) {
      String host = e.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
      JsonObject v = e.getValue();
      String auth = v.string("auth", "");
      if (auth.isEmpty() && v.has("username")) {
        auth =
            Base64.getEncoder()
                .encodeToString(
                    (v.string("username", "") + ":" + v.string("password", ""))
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
