package io.rollwave.agent.artifact;

import io.rollwave.agent.artifact.oci.OciReference;
import io.rollwave.agent.artifact.oci.RegistryClient;
import io.rollwave.agent.artifact.oci.RegistryCredentials;
import io.rollwave.api.process.Artifact;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Makes an artifact ready in a content-addressed cache, {@code <state-dir>/artifacts/sha256/<hex>}:
 * a cached file with the right digest is reused; otherwise it is downloaded (http/https, resuming a
 * {@code <hex>.partial} left by an earlier attempt) or copied (file), its SHA-256 checked, and only
 * then moved into place. A file whose digest differs never reaches the cache, so it can never run.
 * The HTTP client and its TLS context are built on the first http or oci fetch: with the JVM's CA
 * certificates parsed and the TLS classes loaded they cost a device megabytes that file artifacts
 * never need (docs/benchmarks.md, "Agent footprint").
 */
public final class ArtifactFetcher {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private final Path cacheDir;
  private final boolean allowInsecureHttp;
  private final Supplier<SSLContext> tls;
  private final RegistryCredentials credentials;
  private ResumableDownload downloads;
  private RegistryClient registry;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** Trusting the JVM's own CAs only. */
  public ArtifactFetcher(Path stateDir, boolean allowInsecureHttp) throws IOException {
    this(stateDir, allowInsecureHttp, ArtifactTrust.lazy(List.of()), RegistryCredentials.NONE);
  }

  /** Trusting the CAs of {@code tls} (see {@link ArtifactTrust}), without registry credentials. */
  public ArtifactFetcher(Path stateDir, boolean allowInsecureHttp, SSLContext tls)
      throws IOException {
    this(stateDir, allowInsecureHttp, () -> tls, RegistryCredentials.NONE);
  }

  /**
   * Trusting the CAs of {@code tls} for https downloads and registries, pulling from registries
   * with {@code credentials}.
   */
  public ArtifactFetcher(
      Path stateDir, boolean allowInsecureHttp, SSLContext tls, RegistryCredentials credentials)
      throws IOException {
    this(stateDir, allowInsecureHttp, () -> tls, credentials);
  }

  /**
   * As above, with the TLS context asked of {@code tls} only when the first http or oci artifact is
   * fetched (see {@link ArtifactTrust#lazy}).
   */
  public ArtifactFetcher(
      Path stateDir,
      boolean allowInsecureHttp,
      Supplier<SSLContext> tls,
      RegistryCredentials credentials)
      throws IOException {
    this.cacheDir = Files.createDirectories(stateDir.resolve("artifacts").resolve("sha256"));
    this.allowInsecureHttp = allowInsecureHttp;
    this.tls = tls;
    this.credentials = credentials;
  }

  private synchronized ResumableDownload downloads() {
    if (downloads == null) {
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .sslContext(tls.get())
              .build();
      downloads = new ResumableDownload(http);
      registry = new RegistryClient(http, credentials);
    }
    return downloads;
  }

  private synchronized RegistryClient registry() {
    downloads();
    return registry;
  }

  /** The cached, verified file for {@code artifact}, fetched first when it is not there yet. */
  public Path fetch(Artifact artifact) throws ArtifactException {
    return fetch(artifact, RegistryCredentials.NONE);
  }

  /**
   * As {@link #fetch(Artifact)}, pulling from a registry with the credentials of the artifact's
   * pull secret ({@code delivered}) before the agent's own.
   */
  public Path fetch(Artifact artifact, RegistryCredentials delivered) throws ArtifactException {
    String expected =
        artifact.checksumSHA256() == null ? "" : artifact.checksumSHA256().toLowerCase(Locale.ROOT);
    if (!SHA256_HEX.matcher(expected).matches()) {
      throw new ArtifactException(
          "InvalidChecksum",
          "checksumSHA256 must be 64 hex digits, got '" + artifact.checksumSHA256() + "'",
          false);
    }
    // two processes may want the same artifact at once: one fetches, the other then finds it
    ReentrantLock lock = locks.computeIfAbsent(expected, k -> new ReentrantLock());
    lock.lock();
    try {
      Path target = cacheDir.resolve(expected);
      if (Files.isRegularFile(target)) {
        if (Sha256.of(target).filter(expected::equals).isPresent()) {
          return target;
        }
        deleteQuietly(target); // corrupted on disk: fetch it again
      }
      Path partial = cacheDir.resolve(expected + ".partial");
      boolean resuming = Files.exists(partial);
      String actual = fetchInto(artifact, expected, partial, delivered);
      if (!expected.equals(actual) && resuming) {
        // the kept prefix may be stale (the file changed on the server): once more, whole
        deleteQuietly(partial);
        actual = fetchInto(artifact, expected, partial, delivered);
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
      return moveIntoPlace(partial, target);
    } finally {
      lock.unlock();
    }
  }

  /** Fills {@code partial}; returns its SHA-256 hex. */
  private String fetchInto(
      Artifact artifact, String expected, Path partial, RegistryCredentials delivered)
      throws ArtifactException {
    return switch (artifact.type()) {
      case HTTP -> downloads().download(httpUri(artifact.url()), Map.of(), partial);
      case OCI -> {
        RegistryClient.Blob blob =
            registry().resolve(ociReference(artifact.url()), artifact.url(), expected, delivered);
        yield downloads().download(blob.uri(), blob.headers(), partial);
      }
      case FILE -> copy(Path.of(artifact.url()), partial);
    };
  }

  private OciReference ociReference(String url) throws ArtifactException {
    OciReference ref;
    try {
      ref = OciReference.parse(url);
    } catch (IllegalArgumentException e) {
      throw new ArtifactException("InvalidArtifactURL", e.getMessage(), false);
    }
    if (ref.plainHttp() && !allowInsecureHttp) {
      throw insecure(url, "the registry");
    }
    return ref;
  }

  private URI httpUri(String url) throws ArtifactException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ArtifactException("InvalidArtifactURL", "'" + url + "' is not a URL", false);
    }
    if ("http".equalsIgnoreCase(uri.getScheme()) && !allowInsecureHttp) {
      throw insecure(url, "the artifact");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new ArtifactException(
          "InvalidArtifactURL", "artifact type http needs an http(s) URL, got " + url, false);
    }
    return uri;
  }

  private static ArtifactException insecure(String url, String what) {
    return new ArtifactException(
        "InsecureArtifactURL",
        "plain HTTP is refused for "
            + url
            + ": serve "
            + what
            + " over https, or start the agent with --allow-insecure-http",
        false);
  }

  private static String copy(Path source, Path partial) throws ArtifactException {
    try (InputStream in = Files.newInputStream(source)) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ArtifactException(
          "DownloadFailed", "cannot read staged artifact " + source + ": " + e.getMessage(), true);
    }
    return Sha256.of(partial)
        .orElseThrow(
            () ->
                new ArtifactException(
                    "CacheWriteFailed", "cannot read back " + partial + " after copying", true));
  }

  private static Path moveIntoPlace(Path partial, Path target) throws ArtifactException {
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

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover file is overwritten or resumed by the next attempt
    }
  }
}
