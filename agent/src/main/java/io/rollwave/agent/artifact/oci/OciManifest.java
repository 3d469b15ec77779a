package io.rollwave.agent.artifact.oci;

import io.rollwave.agent.artifact.ArtifactException;
import io.rollwave.agent.json.JsonObject;
import java.io.IOException;
import java.util.List;

/**
 * An image manifest (OCI or Docker v2 schema 2) reduced to what the agent needs: its layers. The
 * artifact is one layer blob: the one whose digest is the spec's checksum, else the only one.
 */
public record OciManifest(List<Layer> layers) {
  public static final String ACCEPT =
      "application/vnd.oci.image.manifest.v1+json,"
          + " application/vnd.docker.distribution.manifest.v2+json";

  public record Layer(String digest, long size, String mediaType) {}

  /** Reads a manifest body; an index or manifest list is refused, naming what to use instead. */
  public static OciManifest parse(byte[] body, String contentType, String url)
      throws ArtifactException {
    try {
      return parse(JsonObject.parse(body), contentType, url);
    } catch (IOException e) {
      throw new ArtifactException(
          "InvalidManifest", "the manifest of " + url + " is unreadable: " + e.getMessage(), false);
    }
  }

  private static OciManifest parse(JsonObject root, String contentType, String url)
      throws IOException, ArtifactException {
    String mediaType = root.string("mediaType", contentType == null ? "" : contentType);
    if (root.has("manifests") || mediaType.contains("index") || mediaType.contains("list")) {
      throw new ArtifactException(
          "UnsupportedManifest",
          url
              + " is a multi-platform index ("
              + mediaType
              + "); give the URL of one platform's image manifest (name@sha256:...)",
          false);
    }
    List<Layer> layers =
        root.objects(
            "layers",
            l ->
                new Layer(
                    l.string("digest", ""), l.longValue("size", 0), l.string("mediaType", "")));
    return new OciManifest(layers == null ? List.of() : List.copyOf(layers));
  }

  /** The layer holding the artifact whose SHA-256 is {@code expectedHex}. */
  public Layer artifactLayer(String expectedHex, String url) throws ArtifactException {
    for (Layer l : layers) {
      if (l.digest().equals("sha256:" + expectedHex)) {
        return l;
      }
    }
    if (layers.size() == 1) {
      throw new ArtifactException(
          "ChecksumMismatch",
          "the only layer of "
              + url
              + " is "
              + layers.get(0).digest()
              + ", expected sha256:"
              + expectedHex
              + ": the artifact was not downloaded and not run",
          false);
    }
    throw new ArtifactException(
        "ArtifactLayerNotFound",
        url
            + " has "
            + layers.size()
            + " layers and none is sha256:"
            + expectedHex
            + "; the artifact must be a single layer, or checksumSHA256 must name its layer",
        false);
  }
}
