package io.rollwave.ctl;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored template revision of a deployment (an {@code apps/v1} ControllerRevision): its number,
 * its hash, the artifact's version and URL, when it was stored and its change cause.
 */
public record StoredRevision(
    long number,
    String hash,
    String version,
    String artifact,
    Optional<Instant> created,
    Optional<String> changeCause) {}
