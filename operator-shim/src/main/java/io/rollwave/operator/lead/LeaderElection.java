package io.rollwave.operator.lead;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

/**
 * Where replicas of the operator elect their leader: a coordination.k8s.io/v1 Lease by namespace
 * and name, and the identity this replica writes into it.
 */
public record LeaderElection(String leaseName, String leaseNamespace, String identity) {
  public static final String DEFAULT_LEASE = "rollwave-operator";

  /** Kubernetes object names: a DNS subdomain. */
  private static final String NAME = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

  /**
   * From the flags {@code --lease-name}, {@code --lease-namespace}, {@code --leader-identity} with
   * fallbacks: the namespace from {@code POD_NAMESPACE}, the identity from {@code POD_NAME}, then
   * {@code HOSTNAME}, then this host's name. A namespace nobody gave fails, saying where to give
   * it.
   */
  public static LeaderElection fromMap(Map<String, String> flags, Map<String, String> env) {
    String name = flags.getOrDefault("lease-name", DEFAULT_LEASE);
    if (!name.matches(NAME)) {
      throw new IllegalArgumentException(
          "--lease-name must be a Kubernetes object name such as "
              + DEFAULT_LEASE
              + ", got '"
              + name
              + "'");
    }
    String namespace =
        Optional.ofNullable(flags.get("lease-namespace"))
            .or(() -> Optional.ofNullable(env.get("POD_NAMESPACE")))
            .filter(ns -> !ns.isBlank())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--leader-election needs the namespace of its Lease: pass"
                            + " --lease-namespace NS or set POD_NAMESPACE (the chart sets it from"
                            + " the downward API)"));
    if (!namespace.matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")) {
      throw new IllegalArgumentException(
          "--lease-namespace must be a namespace name, got '" + namespace + "'");
    }
    String identity =
        Optional.ofNullable(flags.get("leader-identity"))
            .or(() -> Optional.ofNullable(env.get("POD_NAME")))
            .or(() -> Optional.ofNullable(env.get("HOSTNAME")))
            .filter(id -> !id.isBlank())
            .orElseGet(LeaderElection::hostName);
    return new LeaderElection(name, namespace, identity);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "--leader-election cannot name this replica ("
              + e.getMessage()
              + "): pass --leader-identity or set POD_NAME");
    }
  }
}
