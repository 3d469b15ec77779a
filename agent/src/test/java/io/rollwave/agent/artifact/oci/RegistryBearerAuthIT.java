package io.rollwave.agent.artifact.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.rollwave.agent.artifact.ArtifactException;
import io.rollwave.agent.artifact.ArtifactFetcher;
import io.rollwave.agent.artifact.ArtifactTrust;
import io.rollwave.agent.artifact.TestCa;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.testsupport.RepoLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer-token auth: the real registry would need a JWT-issuing token server, so a small JDK HTTPS
 * server plays registry and token service here, with the 401 challenge, the token request (Basic
 * with the pull credentials) and the Bearer retry of the registry token spec.
 */
class RegistryBearerAuthIT {
  private static final byte[] BLOB = "#!/bin/sh\necho private\n".getBytes(StandardCharsets.UTF_8);
  private static final String BASIC =
      "Basic " + Base64.getEncoder().encodeToString("rollwave:s3cret".getBytes());
  private static final List<String> TOKEN_QUERIES = new CopyOnWriteArrayList<>();
  private static TestCa ca;
  private static HttpsServer server;
  private static String sha;
  @TempDir Path state;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCa.create(Files.createTempDirectory(RepoLayout.targetDir("bearer-it"), "ca"));
    sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BLOB));
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
    server.createContext("/token", RegistryBearerAuthIT::token);
    server.createContext("/v2/", RegistryBearerAuthIT::registry);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void token(HttpExchange ex) throws IOException {
    TOKEN_QUERIES.add(ex.getRequestURI().getQuery());
    boolean ok = BASIC.equals(ex.getRequestHeaders().getFirst("Authorization"));
    respond(ex, ok ? 200 : 401, ok ? "{\"token\":\"t-123\"}".getBytes() : new byte[0], Map.of());
  }

  private static void registry(HttpExchange ex) throws IOException {
    if (!"Bearer t-123".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      String realm = "https://127.0.0.1:" + server.getAddress().getPort() + "/token";
      respond(
          ex,
          401,
          new byte[0],
          Map.of(
              "WWW-Authenticate",
              "Bearer realm=\""
                  + realm
                  + "\",service=\"imitation\",scope=\"repository:rw/agent:pull\""));
      return;
    }
    String path = ex.getRequestURI().getPath();
    if (path.equals("/v2/rw/agent/manifests/v1")) {
      String manifest =
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
              + "\"layers\":[{\"mediaType\":\"application/octet-stream\",\"digest\":\"sha256:"
              + sha
              + "\",\"size\":"
              + BLOB.length
              + "}]}";
      respond(ex, 200, manifest.getBytes(StandardCharsets.UTF_8), Map.of());
    } else if (path.equals("/v2/rw/agent/blobs/sha256:" + sha)) {
      respond(ex, 200, BLOB, Map.of());
    } else {
      respond(ex, 404, new byte[0], Map.of());
    }
  }

  private static void respond(HttpExchange ex, int status, byte[] body, Map<String, String> headers)
      throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private ArtifactFetcher fetcher(RegistryCredentials credentials) throws Exception {
    return new ArtifactFetcher(
        state, false, ArtifactTrust.sslContext(List.of(ca.caPem())), credentials);
  }

  private static Artifact artifact() {
    return new Artifact(
        ArtifactType.OCI, "127.0.0.1:" + server.getAddress().getPort() + "/rw/agent:v1", sha, null);
  }

  @Test
  void fetchesATokenWithThePullCredentialsAndRetriesWithIt() throws Exception {
    String host = "127.0.0.1:" + server.getAddress().getPort();
    RegistryCredentials creds = new RegistryCredentials(Map.of(host, BASIC.substring(6)));

    Path cached = fetcher(creds).fetch(artifact());

    assertThat(cached).hasBinaryContent(BLOB);
    assertThat(TOKEN_QUERIES).contains("service=imitation&scope=repository:rw/agent:pull");
  }

  @Test
  void credentialsDeliveredWithThePullSecretServeAnAgentThatHasNone() throws Exception {
    String host = "127.0.0.1:" + server.getAddress().getPort();
    RegistryCredentials delivered =
        RegistryCredentials.parse(
            "{\"auths\": {\"https://" + host + "\": {\"auth\": \"" + BASIC.substring(6) + "\"}}}",
            "pull secret rw/regcred");

    Path cached = fetcher(RegistryCredentials.NONE).fetch(artifact(), delivered);

    assertThat(cached).hasBinaryContent(BLOB);
    assertThat(TOKEN_QUERIES).contains("service=imitation&scope=repository:rw/agent:pull");
  }

  @Test
  void withoutCredentialsTheRefusedTokenIsReportedNamingTheFlag() throws Exception {
    assertThatThrownBy(() -> fetcher(RegistryCredentials.NONE).fetch(artifact()))
        .isInstanceOfSatisfying(
            ArtifactException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("RegistryAuthFailed");
              assertThat(e.getMessage()).contains("401").contains("--registry-auth");
            });
    assertThat(state.resolve("artifacts/sha256")).isEmptyDirectory();
  }
}
