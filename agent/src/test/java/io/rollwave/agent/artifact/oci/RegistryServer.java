package io.rollwave.agent.artifact.oci;

import io.rollwave.agent.artifact.ArtifactTrust;
import io.rollwave.agent.artifact.TestCa;
import io.rollwave.testsupport.FreePorts;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * A real registry (distribution v2, Debian's docker-registry, installed by {@code
 * scripts/dev-env.sh install}) on a free loopback port, serving TLS with a {@link TestCa}
 * certificate; images are pushed through its HTTP API, as a CI job would.
 */
final class RegistryServer implements AutoCloseable {
  private final int port = FreePorts.next();
  private final ServerProcess process;
  private final HttpClient http;

  RegistryServer(TestCa ca, Path dir) throws IOException {
    Path binary;
    try {
      binary = RepoLayout.binary("registry");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "the OCI tests need a real registry: run scripts/dev-env.sh install (it unpacks Debian's"
              + " docker-registry into ~/.cache/rollwave/bin/registry); "
              + e.getMessage(),
          e);
    }
    Files.createDirectories(dir.resolve("storage"));
    Path config =
        Files.writeString(
            dir.resolve("config.yml"),
            String.join(
                "\n",
                "version: 0.1",
                "log:",
                "  level: info",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("storage"),
                "http:",
                "  addr: 127.0.0.1:" + port,
                "  tls:",
                "    certificate: " + ca.serverCertPem(),
                "    key: " + ca.serverKeyPem(),
                ""));
    process =
        ServerProcess.start(
            "registry",
            List.of(binary.toString(), "serve", config.toString()),
            dir.resolve("registry.log"));
    process.awaitPort(port, Duration.ofSeconds(30));
    http =
        HttpClient.newBuilder().sslContext(ArtifactTrust.sslContext(List.of(ca.caPem()))).build();
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  /** What a push left: the layer's sha256 hex and the manifest's digest ({@code sha256:...}). */
  record Pushed(String layerSha256, String manifestDigest) {}

  /** Pushes {@code layer} as the single layer of {@code repository:tag}. */
  Pushed push(String repository, String tag, byte[] layer) throws Exception {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    String configDigest = uploadBlob(repository, config);
    String layerDigest = uploadBlob(repository, layer);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"digest\":\"sha256:"
            + configDigest
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":\"application/octet-stream\",\"digest\":\"sha256:"
            + layerDigest
            + "\",\"size\":"
            + layer.length
            + "}]}";
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(api(repository, "manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(put, 201, "PUT manifest " + repository + ":" + tag);
    return new Pushed(layerDigest, put.headers().firstValue("Docker-Content-Digest").orElseThrow());
  }

  /** Monolithic upload: POST for an upload URL, then PUT the whole blob with its digest. */
  private String uploadBlob(String repository, byte[] blob) throws Exception {
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
    HttpResponse<String> start =
        http.send(
            HttpRequest.newBuilder(api(repository, "blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(start, 202, "POST blobs/uploads/");
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload = api(repository, "").resolve(location);
    URI put =
        URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=sha256%3A" + hex);
    HttpResponse<String> done =
        http.send(
            HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(done, 201, "PUT blob sha256:" + hex);
    return hex;
  }

  private URI api(String repository, String path) {
    return URI.create("https://" + host() + "/v2/" + repository + "/" + path);
  }

  private static void expect(HttpResponse<String> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
