package io.rollwave.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the Temporal UI's pages read, read the same way: the UI server's own HTTP API (the list of
 * workflows with a visibility query, a run's description with its static summary, and the {@code
 * __temporal_workflow_metadata} query behind "Current Details" and the handler lists).
 */
final class TemporalUiApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(cookies).build();
  private final String base;

  /** {@code uiUrl}: the UI server, e.g. {@code http://127.0.0.1:8233}; namespace default. */
  TemporalUiApi(String uiUrl) {
    this.base = uiUrl + "/api/v1/namespaces/default/workflows";
  }

  /** Workflow ids the list page shows for a visibility query (the UI's filter box). */
  List<String> list(String query) throws IOException, InterruptedException {
    JsonNode page = get(base + "?query=" + encode(query));
    List<String> ids = new ArrayList<>();
    page.path("executions").forEach(e -> ids.add(e.path("execution").path("workflowId").asText()));
    return ids;
  }

  /** The run's static summary, the title line of its page. */
  String summary(String workflowId) throws IOException, InterruptedException {
    return payloadText(
        get(base + "/" + encode(workflowId))
            .path("executionConfig")
            .path("userMetadata")
            .path("summary"));
  }

  /**
   * The workflow's metadata as the UI reads it: current details, and the signal, query and update
   * definitions with their descriptions.
   */
  JsonNode metadata(String workflowId) throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            JSON.createObjectNode()
                .set(
                    "query",
                    JSON.createObjectNode().put("queryType", "__temporal_workflow_metadata")));
    // a POST carries the CSRF cookie's value in a header, as the UI's pages send it
    get(base + "/" + encode(workflowId));
    String csrf =
        cookies.getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals("_csrf"))
            .map(HttpCookie::getValue)
            .findFirst()
            .orElse("");
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base + "/" + encode(workflowId) + "/query/__temporal_workflow_metadata"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("UI API query answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(
        payloadText(JSON.readTree(r.body()).path("queryResult").path("payloads").path(0)));
  }

  private JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("UI API GET " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** A payload's data as text: JSON strings unquoted, other JSON as written. */
  private static String payloadText(JsonNode payload) throws IOException {
    if (payload.path("data").isMissingNode()) {
      return "";
    }
    String text =
        new String(
            Base64.getDecoder().decode(payload.path("data").asText()), StandardCharsets.UTF_8);
    JsonNode value = JSON.readTree(text);
    return value.isTextual() ? value.asText() : text;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
