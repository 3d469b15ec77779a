package io.rollwave.agent.backend.container;

import io.rollwave.agent.artifact.oci.OciReference;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import java.util.Locale;

/**
 * The image a container runs: the artifact's OCI URL pinned by its checksum, {@code
 * registry/repository@sha256:<checksumSHA256>}, so the engine pulls exactly that manifest and
 * verifies it. Pure.
 */
public final class ContainerImage {
  private static final String DOCKER_HUB_API = "registry-1.docker.io";

  private ContainerImage() {}

  /** The pinned reference; an artifact that is no OCI image fails, saying what to set. */
  public static String reference(Artifact artifact) {
    if (artifact.type() != ArtifactType.OCI) {
      throw new IllegalArgumentException(
          "execution.backend container runs OCI images: artifact.type must be oci, not "
              + artifact.type().name().toLowerCase(Locale.ROOT));
    }
    OciReference ref = OciReference.parse(artifact.url());
    String digest = "sha256:" + artifact.checksumSHA256().toLowerCase(Locale.ROOT);
    if (ref.reference().startsWith("sha256:") && !ref.reference().equals(digest)) {
      throw new IllegalArgumentException(
          "artifact.url pins "
              + ref.reference()
              + " but checksumSHA256 is "
              + digest
              + "; for the container backend checksumSHA256 is the image's manifest digest");
    }
    String registry = ref.registry().equals(DOCKER_HUB_API) ? "docker.io" : ref.registry();
    return registry + "/" + ref.repository() + "@" + digest;
  }
}
