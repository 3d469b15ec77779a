package io.rollwave.api.nats.identity;

import java.util.List;

/**
 * What a NATS user may do, as the allow lists of its user JWT: everything not listed is refused by
 * nats-server (deny by default).
 */
public record Permissions(List<String> publishAllow, List<String> subscribeAllow) {
  public Permissions {
    publishAllow = List.copyOf(publishAllow);
    subscribeAllow = List.copyOf(subscribeAllow);
  }
}
