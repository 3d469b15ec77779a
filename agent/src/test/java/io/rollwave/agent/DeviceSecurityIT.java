package io.rollwave.agent;

import static io.rollwave.agent.DeviceProcessFixtures.alive;
import static io.rollwave.agent.DeviceProcessFixtures.keyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamOptions;
import io.nats.client.JetStreamSubscription;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.Subscription;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rollwave.agent.backend.BackendSettings;
import io.rollwave.agent.identity.DeviceCredential;
import io.rollwave.api.nats.Buckets;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.PullSecret;
import io.rollwave.api.nats.identity.DevicePermissions;
import io.rollwave.api.nats.identity.IdentitySubjects;
import io.rollwave.api.nats.identity.JetStreamSubjects;
import io.rollwave.api.nats.identity.OperatorPermissions;
import io.rollwave.api.nats.identity.Permissions;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.operator.identity.AccountRevocations;
import io.rollwave.operator.identity.BootstrapTokens;
import io.rollwave.operator.identity.DeviceJwts;
import io.rollwave.operator.identity.DeviceRevocation;
import io.rollwave.operator.identity.Enrollment;
import io.rollwave.operator.identity.Enrollments;
import io.rollwave.operator.identity.IdentityResponder;
import io.rollwave.testsupport.NatsAuth;
import io.rollwave.testsupport.NatsTestServer;
import io.rollwave.testsupport.RepoLayout;
import io.rollwave.tls.NatsEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A closed NATS, shown on a real nats-server with decentralized JWT auth: a real agent runs its
 * process with nothing but its device credential, and every operation a hostile device (holding
 * that same credential) tries against another device, the buckets or the server is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceSecurityIT {
  private static final Duration REFUSAL_WAIT = Duration.ofMillis(1500);
  private static final DeviceKey DEVICE = DeviceKey.parse("NetworkSwitch/security-it/tor1-01");
  private static final DeviceKey OTHER = DeviceKey.parse("NetworkSwitch/security-it/tor1-02");
  private static final String DP = "agent";
  private static final String PROBE_CONSUMER = "operator-probe";
  private static final List<String> REFUSALS = new CopyOnWriteArrayList<>();
  private static final String OTHER_SECRET = "b3RoZXI6c2VjcmV0LW9mLXRvcjEtMDI=";

  private static final DeviceKey THIRD = DeviceKey.parse("DPU/security-it/dpu1-03");
  private static final Duration LIFETIME = Duration.ofSeconds(12);
  private static final Set<DeviceKey> INVENTORY = ConcurrentHashMap.newKeySet();

  private static DeviceJwts jwts;
  private static BootstrapTokens tokens;
  private static Enrollments enrollments;
  private static IdentityResponder responder;
  private static Connection system;
  private static DeviceRevocation revocation;
  private static Agent agent;
  private static String agentToken;
  private static Path work;
  private static NatsTestServer server;
  private static NatsAuth auth;
  private static Connection operator;

  @BeforeAll
  static void secureNatsAndEnrollTheAgent() throws Exception {
    work = Files.createTempDirectory(RepoLayout.targetDir("device-security-it"), "run");
    server = NatsTestServer.startSecured(work);
    auth = server.auth().orElseThrow();
    operator =
        connect(
            credsFor(work.resolve("operator.creds"), "operator", OperatorPermissions.standard()),
            new CopyOnWriteArrayList<>(),
            OperatorPermissions.INBOX_PREFIX);
    for (String bucket : List.of(Buckets.DESIRED, Buckets.STATUS, Buckets.HEARTBEAT)) {
      operator
          .keyValueManagement()
          .create(
              KeyValueConfiguration.builder()
                  .name(bucket)
                  .storageType(StorageType.File)
                  .maxHistoryPerKey(1)
                  .build());
    }
    jwts = new DeviceJwts(auth.accountSigningKey(), auth.accountId());
    tokens = new BootstrapTokens(jwts);
    enrollments = Enrollments.open(operator);
    INVENTORY.addAll(List.of(DEVICE, OTHER, THIRD));
    responder =
        new IdentityResponder(
            operator,
            new Enrollment(jwts, enrollments, INVENTORY::contains, LIFETIME, Clock.systemUTC()));
    system =
        Nats.connect(
            server
                .options()
                .authHandler(
                    Nats.credentials(
                        auth.writeAccountUpdaterCreds(work.resolve("updater.creds")).toString()))
                .build());
    revocation =
        new DeviceRevocation(
            enrollments,
            new AccountRevocations(system, auth.accountId(), auth.operatorSigningKey()),
            Clock.systemUTC());

    Path marker = work.resolve("pids");
    byte[] script = DeviceProcessFixtures.idleScript("secure", marker);
    Path staged = Files.write(work.resolve("agent.sh"), script);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script));
    Artifact artifact = new Artifact(ArtifactType.FILE, staged.toString(), sha, "v1");
    KeyValue desired = operator.keyValue(Buckets.DESIRED);
    desired.put(
        keyOf(DEVICE, DP),
        json(DeviceProcessFixtures.desired(DEVICE, DP, "rev1", artifact, Backend.EXEC)));
    DesiredProcess other = DeviceProcessFixtures.desired(OTHER, DP, "rev1", artifact, Backend.EXEC);
    desired.put(
        keyOf(OTHER, DP),
        json(
            new DesiredProcess(
                other.namespace(),
                other.deviceProcess(),
                other.revision(),
                other.generation(),
                other.spec(),
                PullSecret.found(
                    "registry", "{\"auths\":{\"r\":{\"auth\":\"" + OTHER_SECRET + "\"}}}"))));
    operator.keyValue(Buckets.STATUS).put(keyOf(OTHER, DP), "{\"other\":true}");
    operator
        .jetStreamManagement()
        .addOrUpdateConsumer(
            JetStreamSubjects.stream(Buckets.DESIRED),
            ConsumerConfiguration.builder().durable(PROBE_CONSUMER).build());

    Path state = work.resolve("state");
    agentToken = tokens.mint(DEVICE, BootstrapTokens.DEFAULT_LIFETIME, Instant.now());
    Path tokenFile = Files.writeString(work.resolve("enroll.token"), agentToken);
    agent =
        new Agent(
                new AgentConfig(
                    DEVICE,
                    server.endpoint(),
                    state,
                    1,
                    false,
                    AgentConfig.DEFAULT_INITD_ROOT,
                    List.of(),
                    Optional.empty(),
                    BackendSettings.DEFAULT_SYSTEMD_ROOT,
                    BackendSettings.DEFAULT_SYSTEMCTL,
                    Optional.empty(),
                    Optional.of(tokenFile)))
            .start();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              DeviceProcessStatus s = DeviceProcessFixtures.status(operator, DEVICE, DP);
              assertThat(s).as("status of the agent's own process").isNotNull();
              assertThat(s.phase()).isEqualTo(ProcessPhase.Running);
              assertThat(alive(s.pid())).isTrue();
              assertThat(operator.keyValue(Buckets.HEARTBEAT).get(DEVICE.key())).isNotNull();
            });
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (responder != null) {
      responder.close();
    }
    for (Connection c : new Connection[] {system, operator}) {
      if (c != null) {
        c.close();
      }
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void everyOperationOfAHostileDeviceIsRefused() throws Exception {
    // a device credential as a thief would hold it: issued to this device, for a key it has
    Path stolen = deviceCreds(work.resolve("stolen.creds"), DEVICE, Duration.ofHours(1));
    try (Connection hostile = connect(stolen, REFUSALS, IdentitySubjects.inboxPrefix(DEVICE))) {
      List<Attempt> attempts = hostileAttempts(hostile);
      List<String> succeeded = new ArrayList<>();
      for (Attempt attempt : attempts) {
        boolean through = attempt.gotThrough(hostile);
        System.out.printf("  %-62s %s%n", attempt.name(), through ? "SUCCEEDED" : "refused");
        if (through) {
          succeeded.add(attempt.name());
        }
      }
      System.out.printf(
          "device security: %d attempts, %d succeeded%n", attempts.size(), succeeded.size());
      assertThat(succeeded).as("hostile operations that got through").isEmpty();
      assertThat(REFUSALS)
          .as("the server said why")
          .anyMatch(r -> r.contains("Permissions Violation"));
      // the controls: the same credential may do what its own agent does
      assertThat(ownStatusPut(hostile)).as("put of its own status").isTrue();
      assertThat(ownWatch(hostile)).as("watch of its own desired keys").isTrue();
      assertThat(
              enrollGotThrough(tokens.mint(THIRD, Duration.ofHours(1), Instant.now()), THIRD, null))
          .as("a fresh token enrolls its own device")
          .isTrue();
    }
    assertThat(operator.keyValue(Buckets.STATUS).get(keyOf(OTHER, DP)).getValueAsString())
        .isEqualTo("{\"other\":true}");
  }

  @Test
  @Order(2)
  void theEnrolledCredentialIsKeptPrivateAndRenewedWithoutARestart() throws Exception {
    Path creds = work.resolve("state").resolve(DeviceCredential.FILE);
    assertThat(Files.getPosixFilePermissions(creds))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    DeviceProcessStatus before = DeviceProcessFixtures.status(operator, DEVICE, DP);
    String firstJwt = DeviceCredential.load(creds).jwt();
    long firstExpiry = DeviceCredential.load(creds).expiresAt();
    // two renewals: the second proves the first reconnect carried the renewed credential
    await()
        .atMost(LIFETIME.multipliedBy(3))
        .untilAsserted(
            () ->
                assertThat(DeviceCredential.load(creds).expiresAt())
                    .isGreaterThanOrEqualTo(firstExpiry + LIFETIME.toSeconds()));
    assertThat(DeviceCredential.load(creds).jwt()).isNotEqualTo(firstJwt);
    Instant renewed = Instant.now();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              DeviceProcessStatus s = DeviceProcessFixtures.status(operator, DEVICE, DP);
              assertThat(s.pid()).as("the same process").isEqualTo(before.pid());
              assertThat(s.restartCount()).as("no restart counted").isZero();
              assertThat(alive(s.pid())).isTrue();
              assertThat(heartbeatAt()).as("heartbeats after renewal").isAfter(renewed);
            });
  }

  @Test
  @Order(3)
  void aRevokedDeviceLosesAccessWithinTenSeconds() throws Exception {
    Path creds = work.resolve("state").resolve(DeviceCredential.FILE);
    List<String> errors = new CopyOnWriteArrayList<>();
    Connection open = connect(creds, errors, IdentitySubjects.inboxPrefix(DEVICE));
    assertThat(putHeartbeat(open)).as("the device's put before revocation").isTrue();
    INVENTORY.remove(DEVICE); // what deleting the inventory resource does
    Instant revoked = Instant.now();
    assertThat(revocation.revoke(DEVICE)).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(errors).anyMatch(e -> e.contains("Revoked"));
              assertThat(putHeartbeat(open)).as("its next put").isFalse();
            });
    System.out.printf(
        "revocation: access lost after %d ms%n",
        Duration.between(revoked, Instant.now()).toMillis());
    open.close();
    assertThatThrownBy(() -> connect(creds, errors, IdentitySubjects.inboxPrefix(DEVICE)))
        .as("a new connection with the revoked credential");
    assertThat(renewGotThrough(creds)).as("renewal after revocation").isFalse();
  }

  /** One hostile operation; {@link #gotThrough} says whether it read or changed anything. */
  record Attempt(String name, Probe probe) {
    boolean gotThrough(Connection c) {
      try {
        return probe.run(c);
      } catch (Exception refused) {
        return false;
      }
    }
  }

  interface Probe {
    boolean run(Connection c) throws Exception;
  }

  private static List<Attempt> hostileAttempts(Connection c) {
    String desiredStream = JetStreamSubjects.stream(Buckets.DESIRED);
    String statusStream = JetStreamSubjects.stream(Buckets.STATUS);
    String otherDesired = JetStreamSubjects.kv(Buckets.DESIRED, keyOf(OTHER, DP));
    return List.of(
        new Attempt(
            "get another device's desired key (direct get)",
            x -> request(x, "$JS.API.DIRECT.GET." + desiredStream + "." + otherDesired, "")),
        new Attempt(
            "get another device's desired key (stream msg get)",
            x ->
                request(
                    x,
                    "$JS.API.STREAM.MSG.GET." + desiredStream,
                    "{\"last_by_subj\":\"" + otherDesired + "\"}")),
        new Attempt(
            "read another device's pull secret (watch its keys)",
            x -> watchReceives(x, JetStreamSubjects.kv(Buckets.DESIRED, OTHER.processFilter()))),
        new Attempt(
            "watch the whole desired bucket",
            x -> watchReceives(x, JetStreamSubjects.kv(Buckets.DESIRED, ">"))),
        new Attempt(
            "create an unfiltered consumer on the desired bucket",
            x ->
                request(
                    x,
                    "$JS.API.CONSUMER.CREATE." + desiredStream,
                    "{\"stream_name\":\""
                        + desiredStream
                        + "\",\"config\":{\"ack_policy\":\"none\",\"deliver_subject\":\""
                        + IdentitySubjects.inboxPrefix(DEVICE)
                        + "all\"}}")),
        new Attempt(
            "list the desired bucket's keys (stream info)",
            x -> request(x, "$JS.API.STREAM.INFO." + desiredStream, "{\"subjects_filter\":\">\"}")),
        new Attempt(
            "put another device's status",
            x ->
                jsPublish(
                    x,
                    JetStreamSubjects.kv(Buckets.STATUS, keyOf(OTHER, DP)),
                    "{\"phase\":\"Running\"}",
                    null)),
        new Attempt(
            "put another device's heartbeat",
            x -> jsPublish(x, JetStreamSubjects.kv(Buckets.HEARTBEAT, OTHER.key()), "{}", null)),
        new Attempt(
            "put its own desired key",
            x ->
                jsPublish(x, JetStreamSubjects.kv(Buckets.DESIRED, keyOf(DEVICE, DP)), "{}", null)),
        new Attempt(
            "put another device's desired key", x -> jsPublish(x, otherDesired, "{}", null)),
        new Attempt(
            "delete another device's status key",
            x ->
                jsPublish(
                    x,
                    JetStreamSubjects.kv(Buckets.STATUS, keyOf(OTHER, DP)),
                    null,
                    new Headers().put("KV-Operation", "DEL"))),
        new Attempt(
            "purge another device's desired key",
            x ->
                jsPublish(
                    x,
                    otherDesired,
                    null,
                    new Headers().put("KV-Operation", "PURGE").put("Nats-Rollup", "sub"))),
        new Attempt(
            "purge its own desired key",
            x ->
                jsPublish(
                    x,
                    JetStreamSubjects.kv(Buckets.DESIRED, keyOf(DEVICE, DP)),
                    null,
                    new Headers().put("KV-Operation", "PURGE").put("Nats-Rollup", "sub"))),
        new Attempt(
            "purge the status bucket",
            x -> request(x, "$JS.API.STREAM.PURGE." + statusStream, "{}")),
        new Attempt(
            "create a stream",
            x ->
                x.jetStreamManagement(short_())
                        .addStream(
                            StreamConfiguration.builder()
                                .name("hostile")
                                .subjects("hostile.>")
                                .build())
                    != null),
        new Attempt(
            "list consumers of the desired bucket",
            x -> request(x, "$JS.API.CONSUMER.NAMES." + desiredStream, "{}")),
        new Attempt(
            "delete a consumer of the desired bucket",
            x -> request(x, "$JS.API.CONSUMER.DELETE." + desiredStream + "." + PROBE_CONSUMER, "")),
        new Attempt("list streams", x -> request(x, "$JS.API.STREAM.NAMES", "{}")),
        new Attempt(
            "delete the desired bucket's stream",
            x -> x.jetStreamManagement(short_()).deleteStream(desiredStream)),
        new Attempt("subscribe to >", x -> subscribeAllowed(x, ">")),
        new Attempt("subscribe to $SYS.>", x -> subscribeAllowed(x, "$SYS.>")),
        new Attempt(
            "subscribe to the operator's inbox _INBOX.>", x -> subscribeAllowed(x, "_INBOX.>")),
        new Attempt(
            "subscribe to another device's inbox",
            x -> subscribeAllowed(x, IdentitySubjects.inboxPrefix(OTHER) + ">")),
        new Attempt(
            "subscribe to the desired bucket's subjects",
            x -> subscribeAllowed(x, JetStreamSubjects.kv(Buckets.DESIRED, ">"))),
        new Attempt(
            "publish to $SYS (server ping)", x -> publishAllowed(x, "$SYS.REQ.SERVER.PING")),
        new Attempt(
            "renew another device's credential",
            x -> publishRefused(x, IdentitySubjects.renew(OTHER))),
        new Attempt(
            "enroll with a token already used", x -> enrollGotThrough(agentToken, DEVICE, null)),
        new Attempt(
            "enroll with an expired token",
            x ->
                enrollGotThrough(
                    tokens.mint(OTHER, Duration.ofSeconds(1), Instant.now().minusSeconds(60)),
                    OTHER,
                    null)),
        new Attempt(
            "enroll another device with its own token (other subject)",
            x -> {
              String own = tokens.mint(THIRD, Duration.ofHours(1), Instant.now());
              String[] parts = tokenParts(own);
              Path creds =
                  Files.writeString(
                      work.resolve("third-bootstrap.creds"),
                      NatsAuth.credsText(parts[0], parts[1]));
              try (Connection bootstrap =
                  connect(creds, REFUSALS, IdentitySubjects.inboxPrefix(THIRD))) {
                return publishRefused(bootstrap, IdentitySubjects.enroll(OTHER));
              }
            }),
        new Attempt(
            "enroll with another device's token on its own subject",
            x ->
                enrollGotThrough(
                    tokens.mint(THIRD, Duration.ofHours(1), Instant.now()),
                    THIRD,
                    tokens.mint(OTHER, Duration.ofHours(1), Instant.now()))),
        new Attempt(
            "renew its own credential for a key it was not issued to",
            x -> renewAnswered(x, new String(NKey.createUser(new SecureRandom()).getPublicKey()))),
        new Attempt(
            "connect without credentials",
            x -> Nats.connect(server.options().maxReconnects(0).build()) != null),
        new Attempt(
            "connect without TLS, with its own valid credential",
            x ->
                Nats.connect(
                        NatsEndpoint.insecure("nats://127.0.0.1:" + server.port())
                            .options()
                            .credentialPath(work.resolve("stolen.creds").toString())
                            .maxReconnects(0)
                            .build())
                    != null),
        new Attempt(
            "connect with another device's JWT and its own seed",
            x -> {
              Path forged =
                  credsFor(work.resolve("other.creds"), "other", DevicePermissions.of(OTHER));
              String otherJwt = DeviceCredential.load(forged).jwt();
              String ownSeed =
                  DeviceCredential.load(work.resolve("state").resolve(DeviceCredential.FILE))
                      .seed();
              Path mixed =
                  Files.writeString(
                      work.resolve("mixed.creds"), NatsAuth.credsText(otherJwt, ownSeed));
              return Nats.connect(
                      server
                          .options()
                          .maxReconnects(0)
                          .authHandler(Nats.credentials(mixed.toString()))
                          .build())
                  != null;
            }));
  }

  private static JetStreamOptions short_() {
    return JetStreamOptions.builder().requestTimeout(REFUSAL_WAIT).build();
  }

  /** A JetStream API request answered without an error. */
  private static boolean request(Connection c, String subject, String body) throws Exception {
    Message reply = c.request(subject, body.getBytes(StandardCharsets.UTF_8), REFUSAL_WAIT);
    if (reply == null) {
      return false;
    }
    String text = new String(reply.getData(), StandardCharsets.UTF_8);
    return !text.contains("\"error\"") && (reply.getHeaders() == null || reply.getStatus() == null);
  }

  /** A publish the stream acknowledged: the key changed. */
  private static boolean jsPublish(Connection c, String subject, String body, Headers headers)
      throws Exception {
    byte[] data = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return c.jetStream(short_())
            .publish(NatsMessage.builder().subject(subject).headers(headers).data(data).build())
        != null;
  }

  /** An ordered consumer filtered on {@code filter} delivered anything. */
  private static boolean watchReceives(Connection c, String filter) throws Exception {
    JetStreamSubscription sub =
        c.jetStream(short_())
            .subscribe(
                null,
                PushSubscribeOptions.builder().stream(JetStreamSubjects.stream(Buckets.DESIRED))
                    .ordered(true)
                    .configuration(ConsumerConfiguration.builder().filterSubject(filter).build())
                    .build());
    try {
      return sub.nextMessage(REFUSAL_WAIT) != null;
    } finally {
      sub.unsubscribe();
    }
  }

  /**
   * A subscription the server did not refuse: it says so at once, as a permissions violation naming
   * the subject, and a refused subscription receives nothing.
   */
  private static boolean subscribeAllowed(Connection c, String subject) throws Exception {
    Subscription sub = c.subscribe(subject);
    try {
      c.flush(REFUSAL_WAIT);
      return !refused("Subscription to \"" + subject + "\"");
    } finally {
      sub.unsubscribe();
    }
  }

  /** A core publish the server did not refuse. */
  private static boolean publishAllowed(Connection c, String subject) throws Exception {
    c.publish(subject, new byte[] {1});
    c.flush(REFUSAL_WAIT);
    return !refused("Publish to \"" + subject + "\"");
  }

  private static boolean refused(String what) {
    try {
      await()
          .atMost(REFUSAL_WAIT)
          .until(
              () ->
                  REFUSALS.stream().anyMatch(r -> r.contains("Permissions Violation for " + what)));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /** A core publish the operator's subscriber received. */
  private static boolean publishRefused(Connection c, String subject) throws Exception {
    Subscription heard = operator.subscribe(subject);
    operator.flush(REFUSAL_WAIT);
    c.publish(subject, new byte[] {1});
    c.flush(REFUSAL_WAIT);
    try {
      return heard.nextMessage(REFUSAL_WAIT) != null;
    } finally {
      heard.unsubscribe();
    }
  }

  private static boolean ownStatusPut(Connection c) throws Exception {
    return jsPublish(c, JetStreamSubjects.kv(Buckets.STATUS, keyOf(DEVICE, "control")), "{}", null);
  }

  private static boolean ownWatch(Connection c) throws Exception {
    return watchReceives(c, JetStreamSubjects.kv(Buckets.DESIRED, DEVICE.processFilter()));
  }

  private static byte[] json(Object value) throws Exception {
    return DeviceProcessFixtures.JSON.writeValueAsBytes(value);
  }

  private static Path credsFor(Path file, String name, Permissions permissions) {
    return auth.writeUserCreds(
        file, name, permissions.publishAllow(), permissions.subscribeAllow(), null);
  }

  private static Connection connect(Path creds, List<String> errors, String inboxPrefix)
      throws Exception {
    return Nats.connect(
        server
            .options()
            .authHandler(Nats.credentials(creds.toString()))
            .inboxPrefix(inboxPrefix)
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

  /** A credential the operator's issuer made for {@code device}, for a new key. */
  private static Path deviceCreds(Path file, DeviceKey device, Duration lifetime) throws Exception {
    NKey key = NKey.createUser(new SecureRandom());
    String publicKey = new String(key.getPublicKey());
    return NatsAuth.writeCreds(
        file,
        new NatsAuth.Issued(
            jwts.device(device, publicKey, lifetime, Instant.now()),
            new String(key.getSeed()),
            publicKey));
  }

  /**
   * Whether asking, as {@code token}'s bootstrap user, on {@code subjectDevice}'s enrollment
   * subject (with {@code bodyToken}'s JWT, or the token's own) was answered with a credential.
   */
  private static boolean enrollGotThrough(String token, DeviceKey subjectDevice, String bodyToken)
      throws Exception {
    String[] bootstrap = tokenParts(token);
    Path creds =
        Files.writeString(
            Files.createTempFile(work, "bootstrap", ".creds"),
            NatsAuth.credsText(bootstrap[0], bootstrap[1]));
    String bodyJwt = bodyToken == null ? bootstrap[0] : tokenParts(bodyToken)[0];
    String newKey = new String(NKey.createUser(new SecureRandom()).getPublicKey());
    try (Connection c =
        connect(creds, new CopyOnWriteArrayList<>(), IdentitySubjects.inboxPrefix(subjectDevice))) {
      Message reply =
          c.request(
              IdentitySubjects.enroll(subjectDevice),
              ("{\"token\":\"" + bodyJwt + "\",\"publicKey\":\"" + newKey + "\"}")
                  .getBytes(StandardCharsets.UTF_8),
              REFUSAL_WAIT.multipliedBy(2));
      return reply != null
          && new String(reply.getData(), StandardCharsets.UTF_8).contains("\"jwt\"");
    }
  }

  /**
   * Whether the operator renewed the credential in {@code creds} for a key it was not issued to.
   */
  private static boolean renewGotThrough(Path creds) {
    try (Connection c =
        connect(creds, new CopyOnWriteArrayList<>(), IdentitySubjects.inboxPrefix(DEVICE))) {
      return renewAnswered(c, new String(NKey.createUser(new SecureRandom()).getPublicKey()));
    } catch (Exception refused) {
      return false;
    }
  }

  private static boolean renewAnswered(Connection c, String publicKey) throws Exception {
    Message reply =
        c.request(
            IdentitySubjects.renew(DEVICE),
            ("{\"publicKey\":\"" + publicKey + "\"}").getBytes(StandardCharsets.UTF_8),
            REFUSAL_WAIT.multipliedBy(2));
    return reply != null && new String(reply.getData(), StandardCharsets.UTF_8).contains("\"jwt\"");
  }

  private static String[] tokenParts(String token) {
    return new String(
            Base64.getUrlDecoder().decode(token.substring(BootstrapTokens.PREFIX.length())),
            StandardCharsets.UTF_8)
        .split("\n");
  }

  private static boolean putHeartbeat(Connection c) {
    try {
      return jsPublish(c, JetStreamSubjects.kv(Buckets.HEARTBEAT, DEVICE.key()), "{}", null);
    } catch (Exception refused) {
      return false;
    }
  }

  private static Instant heartbeatAt() throws Exception {
    String beat = operator.keyValue(Buckets.HEARTBEAT).get(DEVICE.key()).getValueAsString();
    return Instant.parse(
        DeviceProcessFixtures.JSON.readTree(beat).path("at").asText(Instant.EPOCH.toString()));
  }
}
