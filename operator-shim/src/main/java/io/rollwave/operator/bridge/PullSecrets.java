package io.rollwave.operator.bridge;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.rollwave.api.nats.PullSecret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads the pull secret an artifact names, for delivery with the desired state: a {@code
 * kubernetes.io/dockerconfigjson} Secret in the DeviceProcess's namespace, from the operator's
 * Secret cache. A Secret that is missing, of another type or without a document becomes a {@link
 * PullSecret} that says what is wrong and how to mend it, so the device's status says it too.
 */
public final class PullSecrets {
  public static final String TYPE = "kubernetes.io/dockerconfigjson";
  static final String KEY = ".dockerconfigjson";

  private final BiFunction<String, String, Secret> cached;

  /** {@code cached} answers a Secret by namespace and name, or null. */
  public PullSecrets(BiFunction<String, String, Secret> cached) {
    this.cached = cached;
  }

  /** The pull secret {@code ref} names in {@code namespace}; null when {@code ref} is. */
  public PullSecret resolve(String namespace, LocalObjectReference ref) {
    if (ref == null || ref.getName() == null) {
      return null;
    }
    return of(namespace, ref.getName(), cached.apply(namespace, ref.getName()));
  }

  /**
   * What changes when the Secret does: its resourceVersion, "absent" without it; part of the
   * published version, so a Secret created or rotated later is delivered again.
   */
  public String versionOf(String namespace, LocalObjectReference ref) {
    if (ref == null || ref.getName() == null) {
      return "";
    }
    Secret secret = cached.apply(namespace, ref.getName());
    return secret == null ? "absent" : secret.getMetadata().getResourceVersion();
  }

  /** {@code secret} (null: none) as delivered. Pure. */
  static PullSecret of(String namespace, String name, Secret secret) {
    if (secret == null) {
      return problem(
          namespace,
          name,
          "not found (the operator reads Secrets of type " + TYPE + " only)",
          "create");
    }
    if (!TYPE.equals(secret.getType())) {
      return problem(
          namespace, name, "is of type " + secret.getType() + ", not " + TYPE, "recreate");
    }
    Map<String, String> data = secret.getData();
    String encoded = data == null ? null : data.get(KEY);
    if (encoded == null || encoded.isBlank()) {
      return problem(namespace, name, "has no " + KEY, "recreate");
    }
    try {
      return PullSecret.found(
          name, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return problem(namespace, name, ": " + KEY + " is not base64", "recreate");
    }
  }

  /** "pull secret ns/name {@code what}; {@code mend} it: kubectl create secret ...". */
  private static PullSecret problem(String namespace, String name, String what, String mend) {
    return PullSecret.unavailable(
        name,
        "pull secret "
            + namespace
            + "/"
            + name
            + (what.startsWith(":") ? "" : " ")
            + what
            + "; "
            + mend
            + " it: kubectl create secret docker-registry "
            + name
            + " -n "
            + namespace
            + " --docker-server=REGISTRY --docker-username=USER --docker-password=PASSWORD");
  }
}
