package io.rollwave.agent.artifact.oci;

import io.rollwave.agent.artifact.ArtifactException;
import io.rollwave.agent.artifact.DownloadFailure;
import io.rollwave.agent.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Speaks the registry HTTP API v2 far enough to find an artifact's blob: GET the manifest (OCI or
 * Docker v2 schema 2), pick the layer, and say how to GET that blob. On a 401 it follows the
 * challenge: Bearer, a token from the realm (with the host's pull credentials, if any); Basic, the
 * credentials themselves.
 */
public final class RegistryClient {
  private final HttpClient http;
  private final RegistryCredentials credentials;

  /** A blob to download: its URL and the headers (Authorization) the registry wants. */
  public record Blob(URI uri, Map<String, String> headers, String digest) {}

  public RegistryClient(HttpClient http, RegistryCredentials credentials) {
    this.http = http;
    this.credentials = credentials;
  }

  /**
   * The blob of the layer whose digest is {@code expectedHex}, or of the only layer, pulled with
   * the credentials of the artifact's pull secret ({@code delivered}) before the agent's own.
   */
  public Blob resolve(
      OciReference ref, String url, String expectedHex, RegistryCredentials delivered)
      throws ArtifactException {
    RegistryCredentials credentials = delivered.over(this.credentials);
    URI manifestUri = ref.manifestUri();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(manifestUri)
            .timeout(Duration.ofMinutes(1))
            .header("Accept", OciManifest.ACCEPT)
            .GET();
    HttpResponse<byte[]> response = send(request.build(), url);
    Optional<String> authorization = Optional.empty();
    if (response.statusCode() == 401) {
      authorization = Optional.of(authorize(ref, response, url, credentials));
      response = send(request.header("Authorization", authorization.get()).build(), url);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new ArtifactException(
          "RegistryAuthFailed",
          "registry "
              + ref.registry()
              + " refused the pull of "
              + url
              + " ("
              + response.statusCode()
              + "); check the credentials for "
              + ref.registry()
              + " in the artifact's pullSecretRef or --registry-auth",
          true);
    }
    if (response.statusCode() == 404) {
      throw new ArtifactException(
          "ManifestNotFound", "registry " + ref.registry() + " has no manifest " + url, true);
    }
    if (response.statusCode() != 200) {
      throw new ArtifactException(
          "DownloadFailed",
          "GET " + manifestUri + " answered " + response.statusCode() + " for " + url,
          true);
    }
    OciManifest manifest =
        OciManifest.parse(
            response.body(), response.headers().firstValue("Content-Type").orElse(""), url);
    String digest = manifest.artifactLayer(expectedHex, url).digest();
    return new Blob(
        ref.blobUri(digest),
        authorization.map(a -> Map.of("Authorization", a)).orElse(Map.of()),
        digest);
  }

  /** The Authorization value that answers the 401's challenge. */
  private String authorize(
      OciReference ref, HttpResponse<?> unauthorized, String url, RegistryCredentials credentials)
      throws ArtifactException {
    String header = unauthorized.headers().firstValue("WWW-Authenticate").orElse("");
    Optional<String> basic = credentials.basicFor(ref.registry());
    Optional<BearerChallenge> bearer = BearerChallenge.parse(header);
    if (bearer.isPresent()) {
      return "Bearer " + token(bearer.get(), basic, url);
    }
    if (header.regionMatches(true, 0, "Basic", 0, 5) && basic.isPresent()) {
      return basic.get();
    }
    throw new ArtifactException(
        "RegistryAuthFailed",
        "registry "
            + ref.registry()
            + " wants credentials for "
            + url
            + " ("
            + (header.isEmpty() ? "no challenge" : header)
            + "); give them for "
            + ref.registry()
            + " in the artifact's pullSecretRef or --registry-auth",
        true);
  }

  private String token(BearerChallenge challenge, Optional<String> basic, String url)
      throws ArtifactException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(challenge.tokenUri()).timeout(Duration.ofMinutes(1)).GET();
    basic.ifPresent(b -> request.header("Authorization", b));
    HttpResponse<byte[]> response = send(request.build(), url);
    if (response.statusCode() != 200) {
      throw new ArtifactException(
          "RegistryAuthFailed",
          "token service "
              + challenge.realm()
              + " answered "
              + response.statusCode()
              + " for "
              + url
              + (basic.isPresent()
                  ? ""
                  : " (no credentials given for it in the artifact's pullSecretRef or --registry-auth)"),
          true);
    }
    try {
      JsonObject body = JsonObject.parse(response.body());
      String token = body.string("token", body.string("access_token", ""));
      if (token.isEmpty()) {
        throw new IOException("no token in the answer");
      }
      return token;
    } catch (IOException e) {
      throw new ArtifactException(
          "RegistryAuthFailed",
          "token service " + challenge.realm() + " gave no token: " + e.getMessage(),
          true);
    }
  }

  private HttpResponse<byte[]> send(HttpRequest request, String url) throws ArtifactException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw DownloadFailure.of(url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArtifactException("DownloadFailed", "interrupted fetching " + url, true);
    }
  }
}
