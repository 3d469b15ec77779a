package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an artifact comes from: an OCI registry, an HTTP(S) server or a file staged on the device.
 */
public enum ArtifactType {
  @JsonProperty("oci")
  OCI,
  @JsonProperty("http")
  HTTP,
  @JsonProperty("file")
  FILE
}
