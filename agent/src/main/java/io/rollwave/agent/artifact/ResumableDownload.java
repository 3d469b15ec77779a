package io.rollwave.agent.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Downloads a URL into a partial file that survives failures and agent restarts: when the file
 * already holds N bytes it asks for {@code Range: bytes=N-} and appends (re-hashing the N bytes it
 * has), and starts over when the server answers 200 or cannot serve that range.
 */
final class ResumableDownload {
  private final HttpClient http;

  ResumableDownload(HttpClient http) {
    this.http = http;
  }

  /**
   * Completes {@code partial} from {@code uri} with the extra request {@code headers}; returns the
   * SHA-256 hex of the whole file. A failure keeps what arrived, for the next attempt to resume.
   */
  String download(URI uri, Map<String, String> headers, Path partial) throws ArtifactException {
    long have = sizeOf(partial);
    HttpResponse<InputStream> response = send(uri, headers, have);
    try (InputStream body = response.body()) {
      ResumeDecision decision =
          ResumeDecision.of(
              have, response.statusCode(), response.headers().firstValue("Content-Range"));
      switch (decision) {
        case APPEND -> {
          return append(body, partial, uri);
        }
        case WRITE_FROM_START -> {
          Files.deleteIfExists(partial);
          return append(body, partial, uri);
        }
        case DISCARD_AND_ASK_AGAIN -> {
          Files.deleteIfExists(partial);
          return download(uri, headers, partial);
        }
        default ->
            throw new ArtifactException(
                "DownloadFailed", "GET " + uri + " answered " + response.statusCode(), true);
      }
    } catch (IOException e) {
      throw DownloadFailure.of(uri.toString(), e);
    }
  }

  private HttpResponse<InputStream> send(URI uri, Map<String, String> headers, long have)
      throws ArtifactException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET();
    headers.forEach(request::header);
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw DownloadFailure.of(uri.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArtifactException("DownloadFailed", "interrupted downloading " + uri, true);
    }
  }

  /** Appends the body, hashing the bytes already there first; a cut keeps what was written. */
  private static String append(InputStream body, Path partial, URI uri)
      throws ArtifactException, IOException {
    MessageDigest sha = Sha256.digest();
    if (Files.exists(partial)) {
      try (InputStream prefix = Files.newInputStream(partial)) {
        prefix.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
      }
    }
    try (OutputStream out =
        new DigestOutputStream(
            Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            sha)) {
      body.transferTo(out);
    } catch (IOException e) {
      throw new ArtifactException(
          "DownloadFailed",
          "GET "
              + uri
              + " broke off after "
              + sizeOf(partial)
              + " bytes in all ("
              + e.getMessage()
              + "); the next attempt resumes from there",
          true);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
