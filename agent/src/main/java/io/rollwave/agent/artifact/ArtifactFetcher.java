package io.rollwave.agent.artifact;

import io.rollwave.api.process.Artifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Makes an artifact ready in a content-addressed cache, {@code <state-dir>/artifacts/sha256/<hex>}:
 * a cached file with the right digest is reused; otherwise it is downloaded (http/https) or copied
 * (file) to a temporary file, its SHA-256 checked, and only then moved into place. A file whose
 * digest differs never reaches the cache, so it can never run.
 */
public final class ArtifactFetcher {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private final Path cacheDir;
  private final boolean allowInsecureHttp;
  private final HttpClient http;

  /** Trusting the JVM's own CAs only. */
  public ArtifactFetcher(Path stateDir, boolean allowInsecureHttp) throws IOException {
    this(stateDir, allowInsecureHttp, ArtifactTrust.sslContext(List.of()));
  }

  /** Trusting the CAs of {@code tls} (see {@link ArtifactTrust}) for https downloads. */
  public ArtifactFetcher(Path stateDir, boolean allowInsecureHttp, SSLContext tls)
      throws IOException {
    this.cacheDir = Files.createDirectories(stateDir.resolve("artifacts").resolve("sha256"));
    this.allowInsecureHttp = allowInsecureHttp;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .sslContext(tls)
            .build();
  }

  public Path fetch(Artifact artifact) throws ArtifactException {
    String expected =
        artifact.checksumSHA256() == null ? "" : artifact.checksumSHA256().toLowerCase(Locale.ROOT);
    if (!SHA256_HEX.matcher(expected).matches()) {
      throw new ArtifactException(
          "InvalidChecksum",
          "checksumSHA256 must be 64 hex digits, got '" + artifact.checksumSHA256() + "'",
          false);
    }
    Path target = cacheDir.resolve(expected);
    if (Files.isRegularFile(target)) {
      if (expected.equals(sha256Of(target))) {
        return target;
      }
      deleteQuietly(target); // corrupted on disk: fetch it again
    }
    Path partial;
    try {
      // one temporary file per fetch: two processes may fetch the same artifact at once
      partial = Files.createTempFile(cacheDir, expected + ".", ".partial");
    } catch (IOException e) {
      throw new ArtifactException(
          "CacheWriteFailed", "cannot write in " + cacheDir + ": " + e.getMessage(), true);
    }
    try {
      return fetchInto(artifact, expected, partial, target);
    } finally {
      deleteQuietly(partial);
    }
  }

  private Path fetchInto(Artifact artifact, String expected, Path partial, Path target)
      throws ArtifactException {
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
      throw DownloadFailure.of(url, e);
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

  /** The digest of a cached file, or null when it cannot be read (then it is fetched again). */
  private static String sha256Of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = sha256();
      in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      return null;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static String writeHashed(InputStream in, Path partial) throws IOException {
    MessageDigest sha = sha256();
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
