import io.rollwave.api.nats.identity.OperatorPermissions;
import io.rollwave.api.nats.identity.Permissions;
import io.rollwave.testsupport.NatsAuth;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The development NATS authority of scripts/dev-env.sh, as nsc would make it: a new NATS operator,
 * its system account and the Rollwave account (JetStream), each with a signing key. Writes
 * DIR/auth.conf (the nats-server blocks: operator, system account, full resolver with both
 * accounts preloaded) and DIR/identity, what the Rollwave operator's --nats-identity holds
 * (docs/security.md). Run by `./rollwave nats-authority DIR`; production sets NATS up with nsc.
 */
public class NatsAuthority {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(dir);
    NatsAuth auth = NatsAuth.generate();
    Files.writeString(dir.resolve("auth.conf"), auth.serverConfig(dir));
    Permissions operator = OperatorPermissions.standard();
    auth.writeOperatorIdentity(
        dir.resolve("identity"), operator.publishAllow(), operator.subscribeAllow());
  }
}
