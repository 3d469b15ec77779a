package io.rollwave.operator;

import io.rollwave.operator.lead.LeaderElection;
import io.rollwave.tls.NatsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's settings, from flags with environment fallbacks and defaults, validated at
 * start: a bad value fails with a message naming the flag.
 */
public record OperatorConfig(
    Optional<Path> kubeconfig,
    String temporalTarget,
    String temporalNamespace,
    NatsEndpoint nats,
    Optional<String> namespace,
    String taskQueue,
    List<String> inventoryKinds,
    long signalIntervalMillis,
    int heartbeatTimeoutSeconds,
    boolean allowCrossNamespaceDevices,
    Optional<Path> natsIdentity,
    int metricsPort,
    TemporalTls temporalTls,
    Optional<LeaderElection> leaderElection) {

  /** A flag that takes no value: present means true. */
  static final String ALLOW_CROSS_NAMESPACE_DEVICES = "allow-cross-namespace-devices";

  /** A flag that takes no value: present means true. */
  static final String LEADER_ELECTION = "leader-election";

  /** The flags that take no value. */
  static final List<String> SWITCHES =
      List.of(ALLOW_CROSS_NAMESPACE_DEVICES, LEADER_ELECTION, "nats-insecure", "temporal-tls");

  /** The NATS URL this control plane dials. */
  public String natsUrl() {
    return nats.url();
  }

  public static final String USAGE =
      """
      Usage: rollwave operator [flags]
        --kubeconfig FILE          kubeconfig (default: $KUBECONFIG, then ~/.kube/config)
        --temporal HOST:PORT       Temporal frontend (default: $TEMPORAL_ADDRESS or localhost:7233)
        --temporal-namespace NS    Temporal namespace (default: default)
        --temporal-tls             TLS to the Temporal frontend ($ROLLWAVE_TEMPORAL_TLS=1)
        --temporal-ca-file PEM     the CA of the frontend's certificate (default: the JVM's CAs)
        --temporal-cert-file PEM   client certificate for mutual TLS, e.g. Temporal Cloud
        --temporal-key-file PEM    its PKCS#8 private key
        --temporal-server-name N   the name the frontend's certificate carries, when not HOST
        --namespace NS             watch only this Kubernetes namespace (default: all)
        --task-queue Q             Temporal task queue of the rollout worker (default: rollwave-rollouts)
        --inventory-kinds K1,K2    device inventory kinds in azure.com/v1alpha1
                                   (default: NetworkSwitch,SOC,Server,BMC,DPU)
        --heartbeat-timeout-seconds N
                                   a device silent this long gets its DeviceProcesses marked Unknown
                                   (default: 30)
        --nats-identity DIR        the operator's NATS authority on a secured NATS (decentralized JWT
                                   auth): operator.creds, account.id, account-signing.nk,
                                   operator-signing.nk, account-updater.creds (docs/security.md);
                                   default $ROLLWAVE_NATS_IDENTITY; none: an open NATS
        --allow-cross-namespace-devices
                                   publish DeviceProcesses whose deviceRef.namespace is not their
                                   own namespace (default: off; such a DeviceProcess is refused,
                                   marked Failed with reason CrossNamespaceDevice and an Event)
        --metrics-port N           serve /metrics (Prometheus), /healthz and /readyz on this port
                                   (default: 8080; 0 serves none)
        --leader-election          run as one of several replicas: only the holder of a Lease
                                   reconciles, publishes and writes status; every replica runs the
                                   Temporal worker (default: off, one replica does everything)
        --lease-name NAME          the coordination.k8s.io Lease (default: rollwave-operator)
        --lease-namespace NS       its namespace (default: $POD_NAMESPACE; required with
                                   --leader-election)
        --leader-identity ID       this replica's name in the Lease (default: $POD_NAME, then
                                   $HOSTNAME, then the host's name)
      """
          + NatsEndpoint.USAGE;

  public static final List<String> DEFAULT_KINDS =
      List.of("NetworkSwitch", "SOC", "Server", "BMC", "DPU");

  public static OperatorConfig fromArgs(String[] args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (!flag.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + flag + "'");
      }
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new HelpRequested();
      }
      if (SWITCHES.contains(flag.substring(2))) {
        flags.put(flag.substring(2), "true");
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      flags.put(flag.substring(2), args[++i]);
    }
    return fromMap(flags, env);
  }

  public static OperatorConfig fromMap(Map<String, String> flags, Map<String, String> env) {
    Map<String, String> f = new HashMap<>(flags);
    List<String> known =
        List.of(
            "kubeconfig",
            "temporal",
            "temporal-namespace",
            "nats",
            "namespace",
            "task-queue",
            "inventory-kinds",
            "signal-interval-ms",
            "heartbeat-timeout-seconds",
            "nats-identity",
            "metrics-port",
            "nats-ca-file",
            "nats-cert-file",
            "nats-key-file",
            "nats-server-name",
            "nats-insecure",
            "temporal-tls",
            "temporal-ca-file",
            "temporal-cert-file",
            "temporal-key-file",
            "temporal-server-name",
            ALLOW_CROSS_NAMESPACE_DEVICES,
            LEADER_ELECTION,
            "lease-name",
            "lease-namespace",
            "leader-identity");
    for (String key : f.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown flag --" + key);
      }
    }
    Optional<Path> kubeconfig =
        Optional.ofNullable(f.getOrDefault("kubeconfig", env.get("KUBECONFIG"))).map(Path::of);
    kubeconfig.ifPresent(
        p -> {
          if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("--kubeconfig " + p + ": no readable file there");
          }
        });
    String temporal =
        f.getOrDefault("temporal", env.getOrDefault("TEMPORAL_ADDRESS", "localhost:7233"));
    if (!temporal.matches("^[^:/\\s]+:\\d{1,5}$")) {
      throw new IllegalArgumentException("--temporal must be HOST:PORT, got '" + temporal + "'");
    }
    NatsEndpoint nats = NatsEndpoint.from(name -> Optional.ofNullable(f.get(name)), env);
    TemporalTls temporalTls = TemporalTls.from(name -> Optional.ofNullable(f.get(name)), env);
    List<String> kinds =
        f.containsKey("inventory-kinds")
            ? Arrays.stream(f.get("inventory-kinds").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList()
            : DEFAULT_KINDS;
    if (kinds.isEmpty() || !kinds.stream().allMatch(k -> k.matches("^[A-Z][A-Za-z0-9]*$"))) {
      throw new IllegalArgumentException(
          "--inventory-kinds must list kinds such as NetworkSwitch,SOC, got " + kinds);
    }
    long interval;
    try {
      interval = Long.parseLong(f.getOrDefault("signal-interval-ms", "1000"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--signal-interval-ms must be a number of milliseconds");
    }
    if (interval < 10) {
      throw new IllegalArgumentException("--signal-interval-ms must be at least 10");
    }
    int heartbeatTimeout;
    try {
      heartbeatTimeout = Integer.parseInt(f.getOrDefault("heartbeat-timeout-seconds", "30"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--heartbeat-timeout-seconds must be a whole number of seconds");
    }
    if (heartbeatTimeout < 1) {
      throw new IllegalArgumentException("--heartbeat-timeout-seconds must be at least 1");
    }
    int metricsPort;
    try {
      metricsPort = Integer.parseInt(f.getOrDefault("metrics-port", "8080"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--metrics-port must be a port number, or 0 for none");
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException(
          "--metrics-port must be between 1 and 65535, or 0 for none; got " + metricsPort);
    }
    String crossNamespace = f.getOrDefault(ALLOW_CROSS_NAMESPACE_DEVICES, "false");
    if (!crossNamespace.equals("true") && !crossNamespace.equals("false")) {
      throw new IllegalArgumentException(
          "--" + ALLOW_CROSS_NAMESPACE_DEVICES + " takes no value (or true/false in a map)");
    }
    String election = f.getOrDefault(LEADER_ELECTION, "false");
    if (!election.equals("true") && !election.equals("false")) {
      throw new IllegalArgumentException(
          "--" + LEADER_ELECTION + " takes no value (or true/false in a map)");
    }
    if (election.equals("false")
        && (f.containsKey("lease-name")
            || f.containsKey("lease-namespace")
            || f.containsKey("leader-identity"))) {
      throw new IllegalArgumentException(
          "--lease-name, --lease-namespace and --leader-identity need --" + LEADER_ELECTION);
    }
    return new OperatorConfig(
        kubeconfig,
        temporal,
        f.getOrDefault("temporal-namespace", "default"),
        nats,
        Optional.ofNullable(f.get("namespace")),
        f.getOrDefault("task-queue", "rollwave-rollouts"),
        kinds,
        interval,
        heartbeatTimeout,
        Boolean.parseBoolean(crossNamespace),
        Optional.ofNullable(f.getOrDefault("nats-identity", env.get("ROLLWAVE_NATS_IDENTITY")))
            .map(Path::of),
        metricsPort,
        temporalTls,
        election.equals("true") ? Optional.of(LeaderElection.fromMap(f, env)) : Optional.empty());
  }

  /** Thrown for --help: the caller prints {@link #USAGE}. */
  public static final class HelpRequested extends RuntimeException {
    public HelpRequested() {
      super("help requested", null, false, false);
    }
  }
}
