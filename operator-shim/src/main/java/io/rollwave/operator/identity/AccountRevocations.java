package io.rollwave.operator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Revokes user keys NATS's own way: reads the account's JWT from the server's resolver, adds the
 * key to its {@code revocations}, signs it again with the operator signing key and pushes it; the
 * server then refuses that key's credentials issued before now and closes its open connections.
 * Each push also drops the revocations no credential can need any more ({@link RevocationPruning}),
 * so the account's JWT stays small however many devices come and go.
 */
public final class AccountRevocations {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Connection system;
  private final String accountId;
  private final NKey operatorSigning;
  private long lastIssuedAt;

  /** {@code system}: the account-updater user of the system account. */
  public AccountRevocations(Connection system, String accountId, NKey operatorSigning) {
    this.system = system;
    this.accountId = accountId;
    this.operatorSigning = operatorSigning;
  }

  /** Revokes {@code userKey}'s credentials issued before {@code before}. */
  public synchronized void revoke(String userKey, Instant before) throws IOException {
    JsonNode claims = claims();
    ObjectNode nats = (ObjectNode) claims.path("nats");
    Map<String, Long> kept =
        RevocationPruning.kept(
            revocationsOf(nats), Instant.now(), IdentityServices.CREDENTIAL_LIFETIME);
    ObjectNode revocations = nats.putObject("revocations");
    kept.forEach(revocations::put);
    revocations.put(userKey, before.getEpochSecond());
    // the resolver keeps the newer of two JWTs: issue each one later than the last
    lastIssuedAt =
        Math.max(
            Math.max(JwtUtils.currentTimeSeconds(), claims.path("iat").asLong() + 1),
            lastIssuedAt + 1);
    String updated;
    try {
      updated =
          JwtUtils.issueJWT(
              operatorSigning,
              accountId,
              claims.path("name").asText(),
              null,
              lastIssuedAt,
              new String(operatorSigning.getPublicKey()),
              null,
              nats::toString);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign account " + accountId + "'s JWT: " + e.getMessage(), e);
    }
    Message reply =
        request(
            "$SYS.REQ.ACCOUNT." + accountId + ".CLAIMS.UPDATE",
            updated.getBytes(StandardCharsets.UTF_8),
            "update");
    String answer = new String(reply.getData(), StandardCharsets.UTF_8);
    if (answer.contains("\"error\"")) {
      throw new IOException("nats-server refused account " + accountId + "'s JWT: " + answer);
    }
  }

  /** The account's revocations as the server's resolver holds them: user key to epoch second. */
  public synchronized Map<String, Long> revocations() throws IOException {
    return revocationsOf(claims().path("nats"));
  }

  private JsonNode claims() throws IOException {
    Message current =
        request("$SYS.REQ.ACCOUNT." + accountId + ".CLAIMS.LOOKUP", new byte[0], "look up");
    String jwt = new String(current.getData(), StandardCharsets.UTF_8).trim();
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      throw new IOException("the resolver's JWT of account " + accountId + " is malformed: " + jwt);
    }
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  private static Map<String, Long> revocationsOf(JsonNode nats) {
    Map<String, Long> entries = new LinkedHashMap<>();
    nats.path("revocations")
        .fields()
        .forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asLong()));
    return entries;
  }

  private Message request(String subject, byte[] body, String what) throws IOException {
    try {
      Message reply = system.request(subject, body, TIMEOUT);
      if (reply == null || reply.isStatusMessage()) {
        throw new IOException(
            "no answer from nats-server to the "
                + what
                + " of account "
                + accountId
                + "'s JWT (is the resolver 'full' and the updater user in the system account?)");
      }
      return reply;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
