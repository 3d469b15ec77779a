package io.rollwave.api.nats;

import java.util.Objects;
import java.util.Optional;

/**
 * A DeviceProcess as a device knows it: its own namespace and name. Two DeviceProcesses of one name
 * in two namespaces are two processes, on the operator's side and the agent's alike.
 */
public record ProcessId(String namespace, String name) {
  public ProcessId {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /**
   * One token naming the process in a device's file, unit and container names: {@code
   * <namespace>_<name>}. Neither a namespace nor a Kubernetes name contains {@code _}, so two
   * processes never share it, and a token without {@code _} is a name from before namespaces.
   */
  public String localName() {
    return namespace + "_" + name;
  }

  /** The process a {@link #localName()} names; empty for a token that is not one. */
  public static Optional<ProcessId> ofLocalName(String localName) {
    int at = localName.indexOf('_');
    if (at <= 0 || at == localName.length() - 1 || localName.indexOf('_', at + 1) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new ProcessId(localName.substring(0, at), localName.substring(at + 1)));
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
