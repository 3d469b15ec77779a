package io.rollwave.api.nats;

import io.rollwave.api.common.DeviceRef;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A device as NATS KV keys name it: {@code <namespace>.<Kind>.<name>}, and its processes' keys
 * {@code <namespace>.<Kind>.<name>.<dp namespace>.<dp>}, with the dots a Kubernetes name may
 * contain written as {@code _} (a Kubernetes name never contains {@code _}, so the mapping is
 * reversible, and a NATS key token may not contain a dot).
 */
public record DeviceKey(String namespace, String kind, String name) {
  /** namespace, kind, device, DeviceProcess namespace, DeviceProcess. */
  private static final int PROCESS_KEY_TOKENS = 5;

  public DeviceKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The device {@code ref} names; its namespace defaults to the DeviceProcess's own. */
  public static DeviceKey of(DeviceRef ref, String processNamespace) {
    return new DeviceKey(
        ref.namespace() != null ? ref.namespace() : processNamespace, ref.kind(), ref.name());
  }

  /** Parses the agent's {@code --device KIND/NAMESPACE/NAME}. */
  public static DeviceKey parse(String kindNamespaceName) {
    String[] parts = kindNamespaceName == null ? new String[0] : kindNamespaceName.split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException(
          "device must be KIND/NAMESPACE/NAME, e.g. NetworkSwitch/infra-system/tor1-01, got '"
              + kindNamespaceName
              + "'");
    }
    return new DeviceKey(parts[1], parts[0], parts[2]);
  }

  /** The device a {@link #key()} names; empty for a string of another shape. */
  public static Optional<DeviceKey> ofKey(String key) {
    String[] tokens = key.split("\\.", -1);
    if (tokens.length != 3 || Arrays.stream(tokens).anyMatch(String::isEmpty)) {
      return Optional.empty();
    }
    return Optional.of(new DeviceKey(unescape(tokens[0]), tokens[1], unescape(tokens[2])));
  }

  /** The heartbeat key, and the prefix of this device's desired and status keys. */
  public String key() {
    return escape(namespace) + "." + escape(kind) + "." + escape(name);
  }

  /**
   * The desired/status key of DeviceProcess {@code process} on this device: {@code <device>.<dp
   * namespace>.<dp>}, so two DeviceProcesses never share one, whichever namespaces they and the
   * device are in.
   */
  public String processKey(ProcessId process) {
    return key() + "." + escape(process.namespace()) + "." + escape(process.name());
  }

  /** The prefix every key of devices in {@code namespace} starts with. */
  public static String namespacePrefix(String namespace) {
    return escape(namespace) + ".";
  }

  /** A subject filter matching every process key of this device. */
  public String processFilter() {
    return key() + ".*.*";
  }

  /**
   * The DeviceProcess a process key names; empty for a key of another shape (such as one written
   * before keys named the DeviceProcess's namespace).
   */
  public static Optional<ProcessId> processOf(String processKey) {
    String[] tokens = processKey.split("\\.", -1);
    if (tokens.length != PROCESS_KEY_TOKENS || Arrays.stream(tokens).anyMatch(String::isEmpty)) {
      return Optional.empty();
    }
    return Optional.of(new ProcessId(unescape(tokens[3]), unescape(tokens[4])));
  }

  @Override
  public String toString() {
    return kind + "/" + namespace + "/" + name;
  }

  static String escape(String token) {
    return token.replace('.', '_');
  }

  static String unescape(String token) {
    return token.replace('_', '.');
  }
}
