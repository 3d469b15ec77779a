package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The artifact a process runs. The checksum is mandatory: the agent refuses an artifact whose
 * SHA-256 differs. {@code version} is what status reports as {@code artifactVersion}; when absent
 * the agent derives it from the URL (the OCI tag or the file name).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.checksumSHA256.matches('^[A-Fa-f0-9]{64}$')",
    fieldPath = ".checksumSHA256",
    reason = "FieldValueInvalid",
    message =
        "checksumSHA256 must be the artifact's SHA-256 digest: exactly 64 hexadecimal characters"
            + " (a placeholder such as abc123... is not a digest)")
public record Artifact(
    @Required ArtifactType type,
    @Required @Size(min = 1) String url,
    @Required String checksumSHA256,
    String version) {}
