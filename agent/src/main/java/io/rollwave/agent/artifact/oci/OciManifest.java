package io.rollwave.agent.artifact.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwave.agent.artifact.ArtifactException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An image manifest (OCI or Docker v2 schema 2) reduced to what the agent needs: its layers. The
 * artifact is one layer blob: the one whose digest is the spec's checksum, else the only one.
 */
public record OciManifest(List<Layer> layers) {
  public static final String ACCEPT =
      "application/vnd.oci.image.manifest.v1+json,"
          + " application/vnd.docker.distribution.manifest.v2+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Layer(String digest, long size, String mediaType) {}

  /** Reads a manifest body; an index or manifest list is refused, naming what to use instead. */
  public static OciManifest parse(byte[] body, String contentType, String url)
      throws ArtifactException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new ArtifactException(
          "InvalidManifest", "the manifest of " + url + " is not JSON: " + e.getMessage(), false);
    }
    String mediaType = root.path("mediaType").asText(contentType == null ? "" : contentType);
    if (root.has("manifests") || mediaType.contains("index") || mediaType.contains("list")) {
      throw new ArtifactException(
          "UnsupportedManifest",
          url
              + " is a multi-platform index ("
              + mediaType
              + "); give the URL of one platform's image manifest (name@sha256:...)",
          false);
    }
    List<Layer> layers = new ArrayList<>();
    for (JsonNode layer : root.path("layers")) {
      layers.add(
          new Layer(
              layer.path("digest").asText(),
              layer.path("size").asLong(),
              layer.path("mediaType").asText()));
    }
    return new OciManifest(List.copyOf(layers));
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
