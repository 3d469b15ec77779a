package io.rollwave.bench;

import io.rollwave.tls.NatsEndpoint;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the benchmark's real servers are; {@code natsIdentity} is the operator's on a secured NATS
 * ({@code ROLLWAVE_NATS_IDENTITY}, as {@code scripts/dev-env.sh up} exports it).
 */
public record Servers(
    Path kubeconfig, String temporalTarget, NatsEndpoint nats, Optional<Path> natsIdentity) {

  /** On an open NATS. */
  public Servers(Path kubeconfig, String temporalTarget, NatsEndpoint nats) {
    this(kubeconfig, temporalTarget, nats, Optional.empty());
  }

  public String natsUrl() {
    return nats.url();
  }

  /** From the exports of {@code scripts/dev-env.sh up}, or a message saying to run it. */
  public static Servers fromEnvironment(Map<String, String> env) {
    String kubeconfig = env.get("KUBECONFIG");
    String temporal = env.get("TEMPORAL_ADDRESS");
    String nats = env.get("NATS_URL");
    if (kubeconfig == null || temporal == null || nats == null) {
      throw new IllegalArgumentException(
          "KUBECONFIG, TEMPORAL_ADDRESS and NATS_URL must be set: run"
              + " eval \"$(scripts/dev-env.sh up)\" first");
    }
    return new Servers(
        Path.of(kubeconfig),
        temporal,
        NatsEndpoint.from(name -> Optional.empty(), env),
        Optional.ofNullable(env.get("ROLLWAVE_NATS_IDENTITY")).map(Path::of));
  }
}
