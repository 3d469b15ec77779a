package io.rollwave.api.nats;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The pull secret an artifact's {@code pullSecretRef} names, as the operator delivers it in the
 * desired entry: the Secret's name and its {@code .dockerconfigjson} document, or, when the
 * operator could not read it, what is wrong and how to mend it ({@code problem}, then no document).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PullSecret(String name, String dockerConfigJson, String problem) {
  public static PullSecret found(String name, String dockerConfigJson) {
    return new PullSecret(name, dockerConfigJson, null);
  }

  public static PullSecret unavailable(String name, String problem) {
    return new PullSecret(name, null, problem);
  }
}
