package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.rollwave.api.schema.SecretReferenceSchema;

/**
 * The artifact a process runs. The checksum is mandatory: the agent refuses an artifact whose
 * SHA-256 differs. {@code version} is what status reports as {@code artifactVersion}; when absent
 * the agent derives it from the URL (the OCI tag or the file name). {@code pullSecretRef} names a
 * {@code kubernetes.io/dockerconfigjson} Secret in the DeviceProcess's namespace whose credentials
 * the operator delivers with the desired state, for an {@code oci} artifact's registry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.checksumSHA256.matches('^[A-Fa-f0-9]{64}$')",
    fieldPath = ".checksumSHA256",
    reason = "FieldValueInvalid",
    message =
        "checksumSHA256 must be the artifact's SHA-256 digest: exactly 64 hexadecimal characters"
            + " (a placeholder such as abc123... is not a digest)")
@ValidationRule(
    value = "!has(self.pullSecretRef) || self.type == 'oci'",
    fieldPath = ".pullSecretRef",
    reason = "FieldValueForbidden",
    message =
        "pullSecretRef is for oci artifacts only: http and file artifacts take no credentials")
public record Artifact(
    @JsonPropertyDescription(
            "type is where the artifact comes from: oci (a registry), http (an HTTPS server) or"
                + " file (a path staged on the device).")
        @Required
        ArtifactType type,
    @JsonPropertyDescription(
            "url locates the artifact: registry/repository:tag or @sha256:digest for oci, an"
                + " https URL for http, an absolute path on the device for file.")
        @Required
        @Size(min = 1)
        String url,
    @JsonPropertyDescription(
            "checksumSHA256 is the artifact's SHA-256 digest, 64 hexadecimal characters; the agent"
                + " refuses an artifact whose digest differs.")
        @Required
        String checksumSHA256,
    @JsonPropertyDescription(
            "version is the artifact's version as users read it, shown in the VERSION column of"
                + " kubectl get dpd and reported back as artifactVersion. Unset, the agent"
                + " reports the OCI tag or the file name of the url instead.")
        String version,
    @JsonPropertyDescription(
            "pullSecretRef names a kubernetes.io/dockerconfigjson Secret in this namespace whose"
                + " registry credentials the operator delivers to the agent; oci artifacts"
                + " only.")
        @SchemaFrom(type = SecretReferenceSchema.class)
        LocalObjectReference pullSecretRef) {

  /** An artifact with no pull secret. */
  public Artifact(ArtifactType type, String url, String checksumSHA256, String version) {
    this(type, url, checksumSHA256, version, null);
  }
}
