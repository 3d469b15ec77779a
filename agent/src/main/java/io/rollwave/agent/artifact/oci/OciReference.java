package io.rollwave.agent.artifact.oci;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * An OCI artifact URL, {@code [http(s)://]registry[:port]/repository[:tag|@sha256:digest]}: where
 * its registry answers (https unless the URL says http), which repository, which tag or digest. A
 * name without a registry host is Docker Hub's, as docker pull reads it.
 */
public record OciReference(
    boolean plainHttp, String registry, String repository, String reference) {
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  static final String DOCKER_HUB = "registry-1.docker.io";

  /** Parses the URL; a malformed one fails with what is wrong. */
  public static OciReference parse(String url) {
    String rest = url.strip();
    boolean plain = false;
    if (rest.startsWith("http://")) {
      plain = true;
      rest = rest.substring("http://".length());
    } else if (rest.startsWith("https://")) {
      rest = rest.substring("https://".length());
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? "" : rest.substring(0, slash);
    if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
      registry = first;
      rest = rest.substring(slash + 1);
    }
    String reference = "latest";
    int at = rest.indexOf('@');
    if (at >= 0) {
      reference = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(reference).matches()) {
        throw new IllegalArgumentException(
            "'" + url + "': a digest reference must be sha256: and 64 lower-case hex digits");
      }
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon > rest.lastIndexOf('/')) {
        reference = rest.substring(colon + 1);
        rest = rest.substring(0, colon);
        if (!TAG.matcher(reference).matches()) {
          throw new IllegalArgumentException("'" + url + "': '" + reference + "' is no tag");
        }
      }
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (!REPOSITORY.matcher(rest).matches()) {
      throw new IllegalArgumentException(
          "'" + url + "': '" + rest + "' is no repository name (lower-case, / separated)");
    }
    return new OciReference(plain, registry, rest, reference);
  }

  public URI manifestUri() {
    return base().resolve("manifests/" + reference);
  }

  public URI blobUri(String digest) {
    return base().resolve("blobs/" + digest);
  }

  private URI base() {
    return URI.create(
        (plainHttp ? "http" : "https") + "://" + registry + "/v2/" + repository + "/");
  }
}
