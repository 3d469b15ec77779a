package io.rollwave.agent;

import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;

/** The version status reports: the artifact's own, else the OCI tag or the URL's last segment. */
final class ArtifactVersion {
  private ArtifactVersion() {}

  static String of(Artifact artifact) {
    if (artifact.version() != null && !artifact.version().isBlank()) {
      return artifact.version();
    }
    String url = artifact.url();
    String last = url.substring(url.lastIndexOf('/') + 1);
    if (artifact.type() == ArtifactType.OCI) {
      int at = last.indexOf('@');
      int colon = last.lastIndexOf(':');
      if (at >= 0) {
        return last.substring(at + 1);
      }
      return colon >= 0 ? last.substring(colon + 1) : "latest";
    }
    int query = last.indexOf('?');
    return query >= 0 ? last.substring(0, query) : last;
  }
}
