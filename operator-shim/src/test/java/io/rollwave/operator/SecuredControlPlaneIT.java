package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueEntry;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.identity.IdentitySubjects;
import io.rollwave.api.nats.identity.JetStreamSubjects;
import io.rollwave.api.nats.identity.OperatorPermissions;
import io.rollwave.api.nats.identity.Permissions;
import io.rollwave.operator.identity.BootstrapTokens;
import io.rollwave.operator.identity.DeviceJwts;
import io.rollwave.operator.identity.NatsIdentity;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.NatsAuth;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RealServers;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.testsupport.TemporalTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control plane on a secured NATS, as its own least-privilege identity: it publishes desired
 * state, enrolls only devices of the Kubernetes inventory, and deleting a device's inventory
 * resource closes that device's NATS connection within seconds.
 */
@ExtendWith(RealServers.class)
class SecuredControlPlaneIT {
  private static final String NS = "secured-cp-it";
  private static final Duration ANSWER = Duration.ofSeconds(5);

  @Test
  void enrollsInventoryDevicesAndRevokesADeletedOne(
      KubeTestServer kube, TemporalTestServer temporal) throws Exception {
    Path work = Files.createTempDirectory(RepoLayout.targetDir("secured-cp-it"), "run");
    try (NatsTestServer nats = NatsTestServer.startSecured(work)) {
      NatsAuth auth = nats.auth().orElseThrow();
      Permissions operator = OperatorPermissions.standard();
      Path identityDir =
          auth.writeOperatorIdentity(
              work.resolve("identity"), operator.publishAllow(), operator.subscribeAllow());
      TestControlPlanes.switches(kube, NS, 2);
      DeviceKey tor01 = new DeviceKey(NS, "NetworkSwitch", "tor-01");
      DeviceKey stranger = new DeviceKey(NS, "NetworkSwitch", "tor-99");
      NatsIdentity identity = NatsIdentity.load(identityDir);
      BootstrapTokens tokens =
          new BootstrapTokens(new DeviceJwts(identity.accountSigning(), identity.accountId()));
      try (ControlPlane plane =
          ControlPlane.start(
              TestControlPlanes.config(
                  kube, nats, temporal, NS, Map.of("nats-identity", identityDir.toString())))) {
        kube.kubectlApply(
            ControlPlaneIT.deploymentYaml("v1", "1".repeat(64))
                .replace("namespace: cp-it", "namespace: " + NS));
        try (Connection reader = connect(nats, identityDir.resolve("operator.creds"), List.of())) {
          await()
              .atMost(Duration.ofSeconds(60))
              .untilAsserted(
                  () -> {
                    KeyValueEntry desired =
                        reader
                            .keyValue(Buckets.DESIRED)
                            .get(tor01.key() + "." + NS + ".switch-agent-tor-01");
                    assertThat(desired).as("desired state the operator published").isNotNull();
                  });
        }

        assertThat(enroll(nats, work, tokens, stranger).answer())
            .as("a device not in the inventory")
            .contains("is not in the inventory");
        Enrolled enrolled = enroll(nats, work, tokens, tor01);
        assertThat(enrolled.answer()).contains("\"jwt\"");
        Path creds = work.resolve("tor01.creds");
        NatsAuth.writeCreds(
            creds,
            new NatsAuth.Issued(jwtOf(enrolled.answer()), enrolled.seed(), enrolled.publicKey()));

        List<String> errors = new CopyOnWriteArrayList<>();
        try (Connection device =
            connect(nats, creds, errors, IdentitySubjects.inboxPrefix(tor01))) {
          assertThat(putHeartbeat(device, tor01)).as("put before the deletion").isTrue();
          Instant deleted = Instant.now();
          kube.kubectl("delete", "networkswitch", "tor-01", "-n", NS);
          await()
              .atMost(Duration.ofSeconds(10))
              .untilAsserted(
                  () -> {
                    assertThat(errors).anyMatch(e -> e.contains("Revoked"));
                    assertThat(putHeartbeat(device, tor01)).as("its next put").isFalse();
                  });
          System.out.printf(
              "inventory deletion: access lost after %d ms%n",
              Duration.between(deleted, Instant.now()).toMillis());
        }
      }
    }
  }

  /** The operator's answer to an enrollment, and the key pair it was asked for. */
  record Enrolled(String answer, String seed, String publicKey) {}

  /** Enrolls {@code device} with a fresh token as its agent would. */
  private static Enrolled enroll(
      NatsTestServer nats, Path work, BootstrapTokens tokens, DeviceKey device) throws Exception {
    String[] token =
        new String(
                Base64.getUrlDecoder()
                    .decode(
                        tokens
                            .mint(device, Duration.ofHours(1), Instant.now())
                            .substring(BootstrapTokens.PREFIX.length())),
                StandardCharsets.UTF_8)
            .split("\n");
    Path bootstrap =
        Files.writeString(
            Files.createTempFile(work, "bootstrap", ".creds"),
            NatsAuth.credsText(token[0], token[1]));
    NKey key = NKey.createUser(new SecureRandom());
    String publicKey = new String(key.getPublicKey());
    try (Connection c =
        connect(
            nats, bootstrap, new CopyOnWriteArrayList<>(), IdentitySubjects.inboxPrefix(device))) {
      Message reply =
          c.request(
              IdentitySubjects.enroll(device),
              ("{\"token\":\"" + token[0] + "\",\"publicKey\":\"" + publicKey + "\"}")
                  .getBytes(StandardCharsets.UTF_8),
              ANSWER);
      return new Enrolled(
          reply == null ? "no answer" : new String(reply.getData(), StandardCharsets.UTF_8),
          new String(key.getSeed()),
          publicKey);
    }
  }

  private static String jwtOf(String answer) {
    return answer.replaceAll("^.*\"jwt\"\\s*:\\s*\"([^\"]+)\".*$", "$1");
  }

  private static boolean putHeartbeat(Connection device, DeviceKey key) {
    try {
      return device
              .jetStream()
              .publish(
                  JetStreamSubjects.kv(Buckets.HEARTBEAT, key.key()),
                  "{}".getBytes(StandardCharsets.UTF_8))
          != null;
    } catch (Exception refused) {
      return false;
    }
  }

  private static Connection connect(NatsTestServer nats, Path creds, List<String> errors)
      throws Exception {
    return connect(nats, creds, errors, OperatorPermissions.INBOX_PREFIX);
  }

  private static Connection connect(
      NatsTestServer nats, Path creds, List<String> errors, String inbox) throws Exception {
    return Nats.connect(
        nats.options()
            .credentialPath(creds.toString())
            .inboxPrefix(inbox)
            .maxReconnects(0)
            .errorListener(
                new ErrorListener() {
                  @Override
                  public void errorOccurred(Connection conn, String error) {
                    errors.add(error);
                  }
                })
            .build());
  }
}
