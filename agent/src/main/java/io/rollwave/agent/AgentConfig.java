package io.rollwave.agent;

import io.rollwave.agent.backend.BackendSettings;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.tls.NatsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agent's settings from its flags, validated at start; a bad flag fails with its name. */
public record AgentConfig(
    DeviceKey device,
    NatsEndpoint nats,
    Path stateDir,
    int heartbeatSeconds,
    boolean allowInsecureHttp,
    Path initdRoot,
    List<Path> caFiles,
    Optional<Path> registryAuth,
    Path systemdRoot,
    String systemctl,
    Optional<String> containerCli,
    Optional<Path> enrollTokenFile) {
  public static final Path DEFAULT_INITD_ROOT = BackendSettings.DEFAULT_INITD_ROOT;

  public AgentConfig {
    caFiles = List.copyOf(caFiles);
  }

  /** The NATS URL this agent dials. */
  public String natsUrl() {
    return nats.url();
  }

  public BackendSettings backendSettings() {
    return new BackendSettings(initdRoot, systemdRoot, systemctl, containerCli);
  }

  /**
   * Trusting only the JVM's own CAs for artifact downloads; systemd and container backends with the
   * device defaults.
   */
  public AgentConfig(
      DeviceKey device,
      NatsEndpoint nats,
      Path stateDir,
      int heartbeatSeconds,
      boolean allowInsecureHttp,
      Path initdRoot) {
    this(
        device,
        nats,
        stateDir,
        heartbeatSeconds,
        allowInsecureHttp,
        initdRoot,
        List.of(),
        Optional.empty(),
        BackendSettings.DEFAULT_SYSTEMD_ROOT,
        BackendSettings.DEFAULT_SYSTEMCTL,
        Optional.empty(),
        Optional.empty());
  }

  /** With the default init.d root. */
  public AgentConfig(
      DeviceKey device,
      NatsEndpoint nats,
      Path stateDir,
      int heartbeatSeconds,
      boolean allowInsecureHttp) {
    this(device, nats, stateDir, heartbeatSeconds, allowInsecureHttp, DEFAULT_INITD_ROOT);
  }

  public static final String USAGE =
      """
      Usage: rollwave agent --device KIND/NAMESPACE/NAME --state-dir DIR [flags]
        --device KIND/NAMESPACE/NAME  this device in the inventory, e.g. NetworkSwitch/infra-system/tor1-01
        --state-dir DIR               where the agent keeps artifacts, logs and working directories
        --nats URL                    NATS server (default: $NATS_URL or tls://localhost:4222)
        --nats-ca-file PEM            the CA that signed the NATS server's certificate
                                      (default: $ROLLWAVE_NATS_CA, else the JVM's CAs)
        --nats-cert-file PEM          client certificate for mutual TLS ($ROLLWAVE_NATS_CERT)
        --nats-key-file PEM           its PKCS#8 private key ($ROLLWAVE_NATS_KEY)
        --nats-server-name NAME       the name the server's certificate carries, when not the
                                      URL's host ($ROLLWAVE_NATS_SERVER_NAME)
        --nats-insecure               plain-text NATS, no TLS: development only
                                      ($ROLLWAVE_INSECURE_NATS=1)
        --heartbeat-seconds N         heartbeat period (default 5)
        --allow-insecure-http         accept plain http:// artifact URLs (refused otherwise)
        --initd-root DIR              where the initd backend writes init scripts (default /etc/init.d)
        --systemd-root DIR            where the systemd backend writes units (default /etc/systemd/system)
        --systemctl PATH              the systemctl the systemd backend calls (default systemctl)
        --container-cli PATH          podman or docker for the container backend (default: whichever
                                      is on PATH, podman first)
        --ca-file PEM                 also trust the CA certificates in PEM for artifact downloads
                                      (https and OCI registries); repeatable
        --registry-auth FILE          pull credentials per OCI registry host, a Docker config
                                      JSON file ({"auths": {"host:port": {"auth": "..."}}})
        --enroll-token-file FILE      a one-time token from `rollwave enroll KIND/NS/NAME`: traded
                                      at the first start for this device's NATS credential, kept
                                      0600 in the state dir (nats.creds); ignored once that exists
        --help                        this text
      """;

  /** From the command line, with {@code $NATS_URL} as the default NATS server. */
  public static AgentConfig fromArgs(String[] args) {
    return fromArgs(args, System.getenv());
  }

  /** From the command line and the given environment (tests pass their own). */
  public static AgentConfig fromArgs(String[] args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    boolean insecure = false;
    List<Path> caFiles = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--help", "-h" -> throw new HelpRequested();
        case "--allow-insecure-http" -> insecure = true;
        case "--nats-insecure" -> flags.put(flag, "true");
        case "--ca-file" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
          }
          Path ca = Path.of(args[++i]).toAbsolutePath();
          if (!Files.isReadable(ca)) {
            throw new IllegalArgumentException("--ca-file " + ca + " cannot be read");
          }
          caFiles.add(ca);
        }
        case "--device",
            "--state-dir",
            "--nats",
            "--nats-ca-file",
            "--nats-cert-file",
            "--nats-key-file",
            "--nats-server-name",
            "--heartbeat-seconds",
            "--initd-root",
            "--systemd-root",
            "--systemctl",
            "--container-cli",
            "--registry-auth",
            "--enroll-token-file" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
          }
          flags.put(flag, args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    for (String required : List.of("--device", "--state-dir")) {
      if (!flags.containsKey(required)) {
        throw new IllegalArgumentException(required + " is required");
      }
    }
    DeviceKey device;
    try {
      device = DeviceKey.parse(flags.get("--device"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--device: " + e.getMessage());
    }
    NatsEndpoint nats = NatsEndpoint.from(name -> Optional.ofNullable(flags.get("--" + name)), env);
    int heartbeat;
    try {
      heartbeat = Integer.parseInt(flags.getOrDefault("--heartbeat-seconds", "5"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--heartbeat-seconds must be a whole number of seconds");
    }
    if (heartbeat < 1 || heartbeat > 3600) {
      throw new IllegalArgumentException(
          "--heartbeat-seconds must be from 1 to 3600, got " + heartbeat);
    }
    return new AgentConfig(
        device,
        nats,
        Path.of(flags.get("--state-dir")).toAbsolutePath(),
        heartbeat,
        insecure,
        Path.of(flags.getOrDefault("--initd-root", DEFAULT_INITD_ROOT.toString())).toAbsolutePath(),
        caFiles,
        Optional.ofNullable(flags.get("--registry-auth")).map(f -> Path.of(f).toAbsolutePath()),
        Path.of(
                flags.getOrDefault(
                    "--systemd-root", BackendSettings.DEFAULT_SYSTEMD_ROOT.toString()))
            .toAbsolutePath(),
        flags.getOrDefault("--systemctl", BackendSettings.DEFAULT_SYSTEMCTL),
        Optional.ofNullable(flags.get("--container-cli")),
        Optional.ofNullable(flags.get("--enroll-token-file"))
            .map(f -> Path.of(f).toAbsolutePath()));
  }

  /** Thrown for --help: the caller prints {@link #USAGE}. */
  public static final class HelpRequested extends RuntimeException {
    public HelpRequested() {
      super("help requested", null, false, false);
    }
  }
}
