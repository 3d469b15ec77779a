package io.rollwave.activities;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends RFC 6902 JSON patches and reads nothing of a successful reply but its code. fabric8's own
 * patch decodes the whole updated object the API server sends back, a tenth of the operator's CPU
 * at 10,000 devices for objects nobody read: the informers' watches bring the same change. A
 * refusal is thrown as fabric8 would throw it, with the API server's code and message.
 */
public final class JsonPatches {
  static final String CONTENT_TYPE = "application/json-patch+json";

  /** fabric8's default request timeout, for a client configured without one. */
  static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  private final KubernetesClient client;
  private final HttpClient http;
  private final long requestTimeoutMillis;

  /** Patches with {@code client}'s connection, credentials and request timeout. */
  public JsonPatches(KubernetesClient client) {
    this.client = client;
    this.http = client.getHttpClient();
    int configured = client.getConfiguration().getRequestTimeout();
    this.requestTimeoutMillis = configured > 0 ? configured : DEFAULT_TIMEOUT_MILLIS;
  }

  /** Applies {@code patch} to {@code resource}, or to its {@code subresource} when not null. */
  public void patch(HasMetadata resource, String subresource, String patch) {
    String url = url(client.getMasterUrl().toString(), resource, subresource);
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(url)
            .method("PATCH", CONTENT_TYPE, patch)
            .timeout(requestTimeoutMillis, TimeUnit.MILLISECONDS)
            .build();
    HttpResponse<byte[]> reply;
    try {
      reply = http.sendAsync(request, byte[].class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while patching " + url, e);
    } catch (ExecutionException e) {
      throw KubernetesClientException.launderThrowable(e.getCause());
    }
    if (!reply.isSuccessful()) {
      throw refusal(url, reply.code(), reply.body());
    }
  }

  /** The API path of {@code resource} (and its {@code subresource}) under {@code server}; pure. */
  static String url(String server, HasMetadata resource, String subresource) {
    String group = HasMetadata.getGroup(resource.getClass());
    String version = HasMetadata.getVersion(resource.getClass());
    String path =
        URLUtils.join(
            server,
            group == null || group.isEmpty() ? "api" : "apis/" + group,
            version,
            "namespaces",
            resource.getMetadata().getNamespace(),
            HasMetadata.getPlural(resource.getClass()),
            resource.getMetadata().getName());
    return subresource == null ? path : URLUtils.join(path, subresource);
  }

  private KubernetesClientException refusal(String url, int code, byte[] body) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    try {
      Status status = client.getKubernetesSerialization().unmarshal(text, Status.class);
      if (status != null && status.getCode() != null) {
        return new KubernetesClientException(
            "PATCH " + url + ": " + code + " " + status.getReason() + ": " + status.getMessage(),
            code,
            status);
      }
    } catch (RuntimeException notAStatus) {
      // a proxy's or an overloaded server's page: the code and the text say it
    }
    return new KubernetesClientException(
        "PATCH " + url + ": HTTP " + code + " " + text, code, null);
  }
}
