package io.rollwave.operator.identity;

import io.nats.client.Connection;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.tls.NatsEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rollwave enroll KIND/NS/NAME}: prints a one-time enrollment token for the device; {@code
 * rollwave revoke KIND/NS/NAME}: ends its NATS credential now, open connections included.
 */
public final class IdentityMain {
  static final String USAGE =
      """
      Usage: rollwave enroll KIND/NAMESPACE/NAME [--hours H] [--nats-identity DIR]
             rollwave revoke KIND/NAMESPACE/NAME [--nats URL] [--nats-ca-file PEM] [--nats-identity DIR]
        enroll  prints a one-time token (valid H hours, default 24) that the device's agent trades
                once, with --enroll-token-file, for its own NATS credential
        revoke  revokes the device's credential: refused from now on, open connections closed
        --nats-identity DIR        the operator's NATS authority (default $ROLLWAVE_NATS_IDENTITY)
      """
          + NatsEndpoint.USAGE;

  private IdentityMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args[0].equals("--help")) {
      System.out.print(USAGE);
      System.exit(args.length == 1 && args[0].equals("--help") ? 0 : 2);
    }
    String command = args[0];
    DeviceKey device;
    try {
      device = DeviceKey.parse(args[1]);
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    String identityDir = System.getenv("ROLLWAVE_NATS_IDENTITY");
    Map<String, String> natsFlags = new HashMap<>();
    long hours = 24;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--nats-insecure")) {
        natsFlags.put("nats-insecure", "true");
        continue;
      }
      if (i + 1 >= args.length) {
        fail(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--nats-identity" -> identityDir = args[++i];
        case "--hours" -> hours = Long.parseLong(args[++i]);
        case "--nats",
            "--nats-ca-file",
            "--nats-cert-file",
            "--nats-key-file",
            "--nats-server-name" ->
            natsFlags.put(args[i].substring(2), args[++i]);
        default -> fail("unknown flag " + args[i]);
      }
    }
    if (identityDir == null) {
      fail("--nats-identity DIR (or $ROLLWAVE_NATS_IDENTITY) is required");
    }
    NatsIdentity identity;
    try {
      identity = NatsIdentity.load(Path.of(identityDir));
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    DeviceJwts jwts = new DeviceJwts(identity.accountSigning(), identity.accountId());
    switch (command) {
      case "enroll" ->
          System.out.println(
              new BootstrapTokens(jwts).mint(device, Duration.ofHours(hours), Instant.now()));
      case "revoke" -> {
        NatsEndpoint nats;
        try {
          nats =
              NatsEndpoint.from(name -> Optional.ofNullable(natsFlags.get(name)), System.getenv());
        } catch (IllegalArgumentException e) {
          fail(e.getMessage());
          return;
        }
        try (Connection operator =
                nats.connect(nats.options().credentialPath(identity.operatorCreds().toString()));
            Connection system =
                nats.connect(
                    nats.options().credentialPath(identity.accountUpdaterCreds().toString()))) {
          boolean revoked =
              new DeviceRevocation(
                      Enrollments.open(operator),
                      new AccountRevocations(
                          system, identity.accountId(), identity.operatorSigning()),
                      Clock.systemUTC())
                  .revoke(device);
          System.out.println(
              revoked ? device + ": credential revoked" : device + ": never enrolled");
        }
      }
      default -> fail("unknown command " + command + "; enroll or revoke");
    }
  }

  private static void fail(String message) {
    System.err.println("rollwave: " + message);
    System.exit(2);
  }
}
