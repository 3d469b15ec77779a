package io.rollwave.agent;

import io.rollwave.api.process.Artifact;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Makes an artifact ready in a content-addressed cache, {@code <state-dir>/artifacts/sha256/<hex>}:
 * a cached file with the right digest is reused; otherwise it is downloaded (http/https) or copied
 * (file) to a temporary file, its SHA-256 checked, and only then moved into place. A file whose
 * digest differs never reaches the cache, so it can never run.
 */
final class ArtifactFetcher {
  private final Path cacheDir;
  private final boolean allowInsecureHttp;
  private final HttpClient http;

  ArtifactFetcher(Path stateDir, boolean allowInsecureHttp) throws IOException {
    this.cacheDir = Files.createDirectories(stateDir.resolve("artifacts").resolve("sha256"));
    this.allowInsecureHttp = allowInsecureHttp;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  Path fetch(Artifact artifact) throws ArtifactException {
    String expected = artifact.checksumSHA256().toLowerCase(Locale.ROOT);
    Path target = cacheDir.resolve(expected);
    if (Files.isRegularFile(target)) {
      return target;
    }
    Path partial = cacheDir.resolve(expected + ".partial");
    String actual;
    switch (artifact.type()) {
      case HTTP -> actual = download(artifact.url(), partial);
      case FILE -> actual = copy(Path.of(artifact.url()), partial);
      default ->
          throw new ArtifactException(
              "UnsupportedArtifactType",
              "artifact type "
                  + artifact.type()
                  + " is not supported by this agent yet (http, file)",
              false);
    }
    if (!expected.equals(actual)) {
      deleteQuietly(partial);
      throw new ArtifactException(
          "ChecksumMismatch",
          "SHA-256 of "
              + artifact.url()
              + " is "
              + actual
              + ", expected "
              + expected
              + ": the artifact was not run",
          false);
    }
    try {
      partial.toFile().setExecutable(true, false);
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new ArtifactException(
          "CacheWriteFailed", "cannot write " + target + ": " + e.getMessage(), true);
    }
  }

  private String download(String url, Path partial) throws ArtifactException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ArtifactException("InvalidArtifactURL", "'" + url + "' is not a URL", false);
    }
    if ("http".equalsIgnoreCase(uri.getScheme()) && !allowInsecureHttp) {
      throw new ArtifactException(
          "InsecureArtifactURL",
          "plain HTTP is refused for "
              + url
              + ": serve the artifact over https, or start the agent with --allow-insecure-http",
          false);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new ArtifactException(
          "InvalidArtifactURL", "artifact type http needs an http(s) URL, got " + url, false);
    }
    try {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new ArtifactException(
              "DownloadFailed", "GET " + url + " answered " + response.statusCode(), true);
        }
        return writeHashed(body, partial);
      }
    } catch (IOException e) {
      throw new ArtifactException("DownloadFailed", "GET " + url + " failed: " + e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArtifactException("DownloadFailed", "interrupted downloading " + url, true);
    }
  }

  private String copy(Path source, Path partial) throws ArtifactException {
    try (InputStream in = Files.newInputStream(source)) {
      return writeHashed(in, partial);
    } catch (IOException e) {
      throw new ArtifactException(
          "DownloadFailed", "cannot read staged artifact " + source + ": " + e.getMessage(), true);
    }
  }

  private static String writeHashed(InputStream in, Path partial) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
      Files.copy(digesting, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover .partial file is overwritten by the next attempt
    }
  }
}
